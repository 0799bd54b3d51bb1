// SPDX-License-Identifier: Apache-2.0
// The upstream for `npm run bench:gateway`: an OpenAI-compatible server that answers at once.
// POST /v1/chat/completions answers JSON, or, with "stream": true, 32 server-sent events written
// back to back. Run as a child process: `node upstream.mjs PORT`.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const WORDS = 'The quarterly review covered revenue, hiring plans, the new data retention policy and the roadmap for the next release.'.split(' ');
const CONTENT = Array.from({ length: 32 }, (_, i) => `${WORDS[i % WORDS.length]} `);
const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: CONTENT.join('') }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 250, completion_tokens: 40, total_tokens: 290 },
});
const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench-model' };
const event = (choice) => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, ...choice }] })}\n\n`;
const STREAM = [
  event({ delta: { role: 'assistant', content: '' }, finish_reason: null }),
  ...CONTENT.map((c) => event({ delta: { content: c }, finish_reason: null })),
  event({ delta: {}, finish_reason: 'stop' }),
  'data: [DONE]\n\n',
];

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[{"id":"bench-model","object":"model"}]}');
      return;
    }
    const streamed = Buffer.concat(chunks).includes('"stream":true');
    if (!streamed) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(COMPLETION) }).end(COMPLETION);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const e of STREAM) res.write(e);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => { process.stdout.write(`${server.address().port}\n`); });
