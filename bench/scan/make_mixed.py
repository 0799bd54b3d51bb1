# SPDX-License-Identifier: Apache-2.0
"""The `mixed` group of the scanner benchmark: 1,000 benign model files of every format Citadel
reads, in 40 folders: Keras .h5 and .keras, ONNX, GGUF with real chat templates, safetensors,
TensorFlow SavedModels and frozen graphs, tokenizer configs, torch.save checkpoints and pickles.
Built with the fixture writers in tools/fixtures (h5py, onnx, torch from Debian; the rest byte by
byte), with per-file variation so no two files are alike. Deterministic."""
import collections
import json
import os
import pickle
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "fixtures"))

MIXED_FILES = 1_000
MIXED_DIRS = 40
KINDS = ("h5", "keras", "onnx", "gguf", "safetensors", "savedmodel", "frozen", "tokenizer", "pt", "pkl")


def write_mixed(out_dir, count=MIXED_FILES):
    import numpy as np
    import torch
    from onnx import TensorProto, helper

    import format_sets as fs
    import format_sets_llm as fl
    from chat_templates import CHAT_TEMPLATES
    from formatx import safetensors, tf_graph, tf_node, tf_saved_model

    rng = random.Random(4321)
    templates = sorted(CHAT_TEMPLATES.values())
    kinds = collections.Counter()
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        kinds[kind] += 1
        sub = os.path.join(out_dir, f"d{i % MIXED_DIRS:02d}")
        os.makedirs(sub, exist_ok=True)
        name, data = f"{kind}_{i:04d}", b""
        if kind == "h5":
            name, data = f"{name}.h5", fs.keras_h5(fs.keras2_config([fs.dense2(f"extra_{j}", rng.randint(2, 16)) for j in range(rng.randint(0, 3))]))
        elif kind == "keras":
            name, data = f"{name}.keras", fs.keras3_archive([fs.dense3(f"extra_{j}", rng.randint(2, 16)) for j in range(rng.randint(0, 3))])
        elif kind == "onnx":
            n = rng.randint(2, 16)
            w = helper.make_tensor("w", TensorProto.FLOAT, [4, 4], np.full(16, i / 7, "f4").tobytes(), raw=True)
            name, data = f"{name}.onnx", fs.mlp(w) if n % 2 else fs.onnx_if(helper.make_tensor("w_then", TensorProto.FLOAT, [4, 4], np.ones(16, "f4").tobytes(), raw=True))
        elif kind == "gguf":
            name, data = f"{name}.gguf", fl.tiny_gguf(templates[i % len(templates)], name)
        elif kind == "safetensors":
            n = rng.randint(1, 64)
            header = {"__metadata__": {"format": "pt"}, "w": {"dtype": "F32", "shape": [n], "data_offsets": [0, 4 * n]}}
            name, data = f"{name}.safetensors", safetensors(header, np.arange(n, dtype="f4").tobytes())
        elif kind == "savedmodel":
            sub = os.path.join(sub, name)
            os.makedirs(sub, exist_ok=True)
            nodes = [tf_node(f"n{j}", rng.choice(["MatMul", "Relu", "Identity", "Const", "Add"])) for j in range(rng.randint(3, 30))]
            name, data = "saved_model.pb", tf_saved_model(tf_graph(nodes))
        elif kind == "frozen":
            nodes = [tf_node("input", "Placeholder")] + [tf_node(f"n{j}", rng.choice(["Conv2D", "Relu", "BiasAdd", "Const"])) for j in range(rng.randint(3, 30))]
            name, data = f"{name}.pb", tf_graph(nodes)
        elif kind == "tokenizer":
            name = f"{name}.tokenizer_config.json"
            data = json.dumps({"tokenizer_class": "PreTrainedTokenizerFast", "chat_template": templates[i % len(templates)]}).encode()
        elif kind == "pt":
            state = collections.OrderedDict((f"l{j}.weight", torch.randn(rng.randint(2, 16), 8)) for j in range(rng.randint(1, 4)))
            path = os.path.join(sub, f"{name}.pt")
            torch.save(state, path)
            continue
        else:
            name, data = f"{name}.pkl", pickle.dumps({"run": i, "history": [rng.random() for _ in range(rng.randint(1, 64))]}, protocol=rng.randint(2, 5))
        with open(os.path.join(sub, name), "wb") as f:
            f.write(data)
    return dict(kinds)
