// SPDX-License-Identifier: Apache-2.0
import { createRequire } from 'node:module';
import type protobuf from 'protobufjs';

/** protobufjs (parser included) costs a noticeable part of start-up: loaded on the first model that needs it. */
let loaded: typeof protobuf | undefined;
function loadProtobuf(): typeof protobuf {
  loaded ??= createRequire(import.meta.url)('protobufjs') as typeof protobuf;
  return loaded;
}

/**
 * The subsets of onnx.proto (onnx/onnx.proto, IR version 10) and of TensorFlow's
 * saved_model.proto, meta_graph.proto, graph.proto, node_def.proto, function.proto and
 * op_def.proto that the scanner reads. Field numbers are the public ones; everything not listed
 * is skipped by the decoder. Tensor payloads are declared `bytes` so that a large initializer
 * stays a view into the file, never an array of numbers.
 */
const ONNX_SCHEMA = `
syntax = "proto2";
package onnx;
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional bytes float_data = 4;
  optional string name = 8;
  optional bytes raw_data = 9;
  optional bytes double_data = 10;
  repeated StringStringEntryProto external_data = 13;
  optional int32 data_location = 14;
}
message SparseTensorProto { optional TensorProto values = 1; optional TensorProto indices = 2; }
message AttributeProto {
  optional string name = 1;
  optional TensorProto t = 5;
  optional GraphProto g = 6;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
  optional SparseTensorProto sparse_tensor = 22;
  repeated SparseTensorProto sparse_tensors = 23;
}
message NodeProto {
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string domain = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated SparseTensorProto sparse_initializer = 15;
}
message FunctionProto {
  optional string name = 1;
  repeated NodeProto node = 7;
  repeated OperatorSetIdProto opset_import = 9;
  optional string domain = 10;
}
message TrainingInfoProto { optional GraphProto initialization = 1; optional GraphProto algorithm = 2; }
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated TrainingInfoProto training_info = 20;
  repeated FunctionProto functions = 25;
}
`;

const TENSORFLOW_SCHEMA = `
syntax = "proto3";
package tensorflow;
message NodeDef { string name = 1; string op = 2; string device = 4; }
message OpDef { string name = 1; }
message FunctionDef { OpDef signature = 1; repeated NodeDef node_def = 3; }
message FunctionDefLibrary { repeated FunctionDef function = 1; }
message GraphDef { repeated NodeDef node = 1; FunctionDefLibrary library = 2; }
message MetaGraphDef { GraphDef graph_def = 2; }
message SavedModel { int64 saved_model_schema_version = 1; repeated MetaGraphDef meta_graphs = 2; }
`;

let onnxRoot: protobuf.Root | undefined;
let tensorflowRoot: protobuf.Root | undefined;

/** @returns the decoder for an ONNX message type, built on first use. */
export function getOnnxType(name: 'ModelProto'): protobuf.Type {
  onnxRoot ??= loadProtobuf().parse(ONNX_SCHEMA, { keepCase: true }).root;
  return onnxRoot.lookupType(`onnx.${name}`);
}

/** @returns the decoder for a TensorFlow message type, built on first use. */
export function getTensorflowType(name: 'SavedModel' | 'GraphDef'): protobuf.Type {
  tensorflowRoot ??= loadProtobuf().parse(TENSORFLOW_SCHEMA, { keepCase: true }).root;
  return tensorflowRoot.lookupType(`tensorflow.${name}`);
}

/** @returns a protobuf int64 (a number, or a Long when the long package is present) as a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') return (value.toNumber as () => number)();
  return Number(value ?? 0);
}
