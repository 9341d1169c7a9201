// A local stand-in for an OpenAI-compatible chat endpoint, for the scenarios that need a language model
// (the platform's LLM client talks to it with the openai SDK, over real HTTP):
//   POST /v1/chat/completions   `Authorization: Bearer <key>` (else 401), a chat completion request; it answers
//                               in the chat-completion wire format, routing on the JSON object of the LAST user
//                               message:
//     {"task": "question_generation", position, title, description, language, count, existing_questions}
//         -> {"questions": [...]}: `count` questions in that language built from the description's own words,
//            each with category, difficulty and rubric, plus one more that repeats existing_questions[0] word for
//            word (the platform drops it as a near-duplicate)
//     {"task": "follow_up", language, question, answer, missing: [{name, description}]}
//         -> {"follow_up": "..."}: one question in that language about missing[0]
//     anything else: 400
// Errors are in OpenAI's shape: {"error": {"message", "type", "param", "code"}}. Every request is kept in
// `requests` (its task, payload and status) for the scenarios' assertions.
//
//   node e2e/fake-llm.mjs [port]     runs it alone (the key is "fake-llm-key")
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const HANGUL = /[가-힣]/;

const EN_STOP = new Set(
  `a an and are as at be been but by can do for from has have how if in into is it its of on or our so than that the their
  them then there these they this to under up us was we were what when where which while who will with within without you
  your yours about across after all also any both each every more most must other over own such very well job role team
  teams work working looking join joining company candidate ideal strong good great new years year experience responsible
  responsibilities required requirements plus including include includes using use make makes help helps ensure hiring
  hire design designs keep keeps tune tunes lead leads build builds own owns run runs write writes maintain maintains
  improve improves manage manages drive drives support supports deliver delivers develop develops operate operates
  correct clear reliable fast large small high low able`.split(/\s+/),
);
// Endings a Korean word sheds to become the topic it names (longest first).
const KO_PARTICLES = ['에서는', '에서', '으로', '까지', '부터', '과의', '와의', '에게', '하는', '하고', '의', '를', '을', '이', '가', '은', '는', '와', '과', '에', '로', '도', '만', '및'];
const KO_STOP = new Set(['및', '등', '위한', '대한', '통한', '함께', '모든', '우리', '여러분', '분', '것', '수', '있는', '있습니다', '합니다', '찾습니다']);

function json(response, status, body) {
  const data = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  response.end(data);
}

function openAiError(response, status, message, type, code = null, param = null) {
  json(response, status, { error: { message, type, param, code } });
}

/**
 * The description's topics, most used first, then in order of appearance: runs of English words that are
 * not stop words ("nightly settlement batch"), runs of Korean nouns up to the word that carries a particle
 * ("정산 배치의" -> "정산 배치"). A topic made only of the posting's title and position words is left out.
 */
export function topics(text, language, { except = '' } = {}) {
  const known = new Set(
    String(except)
      .toLowerCase()
      .split(/[^a-z0-9가-힣+#]+/)
      .filter(Boolean),
  );
  const counts = new Map();
  const add = (words) => {
    if (!words.length || words.every((word) => known.has(word.toLowerCase()))) return;
    const topic = words.slice(0, 3).join(' ');
    const key = topic.toLowerCase();
    const seen = counts.get(key);
    counts.set(key, { topic: seen?.topic ?? topic, count: (seen?.count ?? 0) + 1, first: seen?.first ?? counts.size });
  };
  for (const segment of String(text ?? '').split(/[.,;:!?()[\]{}"“”'‘’·\n/]+/)) {
    let run = [];
    const flush = () => {
      add(run);
      run = [];
    };
    for (const raw of segment.split(/\s+/)) {
      if (language === 'ko') {
        let word = raw.trim();
        if (!word || /(다|요|니다)$/.test(word) || /(을|를|할|될|한|된|던)$/.test(word) && word.length <= 2) {
          flush(); // a verb or a modifier, not a topic
          continue;
        }
        const particle = KO_PARTICLES.find((item) => word.length > item.length + 1 && word.endsWith(item));
        if (particle) word = word.slice(0, -particle.length);
        if (word.length >= 2 && !KO_STOP.has(word)) run.push(word);
        else if (!particle) flush();
        if (particle) flush(); // the particle ends the noun phrase
      } else {
        const clean = raw.replace(/^[^A-Za-z0-9+#]+|[^A-Za-z0-9+#]+$/g, '');
        if (!clean || HANGUL.test(clean) || EN_STOP.has(clean.toLowerCase()) || clean.length < 3) flush();
        else run.push(clean);
      }
    }
    flush();
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((item) => item.topic);
}

/** The Korean particle after `word`: the first of the pair after a final consonant, else the second. */
function josa(word, [afterConsonant, afterVowel]) {
  const last = word.trim().slice(-1);
  const code = last.charCodeAt(0) - 0xac00;
  const consonant = code >= 0 && code < 11172 ? code % 28 !== 0 : /[lmnr013678]$/i.test(last);
  return `${word}${consonant ? afterConsonant : afterVowel}`;
}

const snake = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'topic';

const EN_TEMPLATES = [
  ['technical', 'medium', (a, b) => `What would you change in the ${a} to make the ${b} more reliable? Walk me through the trade-offs you would weigh.`],
  ['behavioral', 'medium', (a) => `Tell me about a time something went wrong with the ${a} on your watch. What did you do, and what was the outcome?`],
  ['situational', 'hard', (a, b) => `Imagine a failure in the ${a} during the busiest hour, with the ${b} affected too. What would you do in the first thirty minutes?`],
  ['technical', 'easy', (a) => `Which tools or practices do you rely on for ${a}, and why those rather than the alternatives?`],
  ['behavioral', 'hard', (a) => `Describe a disagreement you had with a colleague about ${a}. How was it settled?`],
  ['situational', 'medium', (a, b) => `If you joined us tomorrow, how would you find out what to improve first in the ${a} and the ${b}?`],
  ['technical', 'hard', (a) => `How do you judge the health of the ${a} at a glance? Name the numbers you would watch and the alarms you would set.`],
  ['behavioral', 'easy', (a) => `What is the most recent thing you learned about ${a}, and where did you put it to use?`],
  ['situational', 'easy', (a) => `A new hire asks you to explain ${a} on their first day. What would you tell them?`],
  ['technical', 'medium', (a) => `What mistakes have you seen teams make with ${a}, and how do you keep them from happening?`],
];

const KO_TEMPLATES = [
  ['technical', 'medium', (a, b) => `${josa(b, ['이', '가'])} 안정적으로 유지되도록 ${josa(a, ['을', '를'])} 설계한다면 어떻게 하시겠습니까? 고려할 장단점을 설명해 주세요.`],
  ['behavioral', 'medium', (a) => `${a} 관련 업무에서 문제가 생겼던 경험을 말씀해 주세요. 어떻게 대응했고 결과는 어땠나요?`],
  ['situational', 'hard', (a, b) => `가장 바쁜 시간에 ${josa(a, ['이', '가'])} 멈추고 ${b}에도 영향이 생겼다고 가정해 보겠습니다. 처음 30분 동안 무엇을 하시겠습니까?`],
  ['technical', 'easy', (a) => `${a} 업무에 주로 쓰는 도구나 방법은 무엇이고, 다른 방법 대신 그것을 고른 이유는 무엇인가요?`],
  ['behavioral', 'hard', (a) => `${a}에 대해 동료와 의견이 달랐던 적이 있다면, 그 갈등을 어떻게 풀었는지 말씀해 주세요.`],
  ['situational', 'medium', (a, b) => `내일 입사하신다면 ${josa(a, ['과', '와'])} ${b}에서 가장 먼저 개선할 점을 어떻게 찾으시겠습니까?`],
  ['technical', 'hard', (a) => `${josa(a, ['이', '가'])} 건강하게 돌아가는지 어떻게 판단하시나요? 지켜볼 지표와 설정할 알림을 말씀해 주세요.`],
  ['behavioral', 'easy', (a) => `최근 ${a}에 대해 새로 배운 것은 무엇이고, 그것을 어디에 적용해 보셨나요?`],
  ['situational', 'easy', (a) => `신입 동료가 첫날 ${josa(a, ['을', '를'])} 설명해 달라고 한다면 어떻게 설명하시겠습니까?`],
  ['technical', 'medium', (a) => `${a} 업무에서 팀들이 자주 하는 실수는 무엇이었고, 그런 실수를 어떻게 막으시나요?`],
];

function rubric(language, a, b) {
  if (language === 'ko') {
    return {
      criteria: [
        { name: 'approach', description: `${a}에 대한 접근 방법을 구체적으로 설명한다`, weight: 0.5, keywords: [a, b, '설계', '방법'] },
        { name: 'evidence', description: '직접 한 일과 그 결과를 수치나 사례로 말한다', weight: 0.3, keywords: ['결과', '경험', '개선'] },
        { name: 'communication', description: '판단의 이유와 팀과의 협업을 분명히 전한다', weight: 0.2, keywords: ['공유', '협업', '이유'] },
      ],
      expected_points: [`${a}의 핵심 문제 정의`, '직접 한 일과 선택한 이유', '결과와 배운 점'],
    };
  }
  return {
    criteria: [
      { name: `approach_${snake(a)}`, description: `Explains a concrete approach to ${a}`, weight: 0.5, keywords: [a.toLowerCase(), b.toLowerCase(), 'design', 'trade-off'] },
      { name: 'evidence', description: 'Backs it with what they did and what came of it, with numbers where they can', weight: 0.3, keywords: ['result', 'measured', 'improved'] },
      { name: 'communication', description: 'Says why, and how the team was involved', weight: 0.2, keywords: ['because', 'team', 'shared'] },
    ],
    expected_points: [`What the problem with ${a} was`, 'What they did themselves and why', 'The result and what they learned'],
  };
}

/** `count` questions from the posting's words, plus one repeating the bank's first existing question. */
export function draftQuestions(payload) {
  const language = payload.language === 'ko' ? 'ko' : 'en';
  const count = Math.max(1, Math.min(20, Number(payload.count) || 5));
  const fallback = language === 'ko' ? ['이 직무', '팀의 서비스'] : ['this role', 'the team’s service'];
  const named = `${payload.title ?? ''} ${payload.position ?? ''}`;
  let found = topics(payload.description, language, { except: named });
  if (found.length < 2) found = [...found, ...topics(`${payload.title ?? ''}, ${payload.position ?? ''}`, language)];
  if (found.length < 2) found = [...found, ...fallback];
  const templates = language === 'ko' ? KO_TEMPLATES : EN_TEMPLATES;
  const questions = [];
  for (let index = 0; index < count; index += 1) {
    const [category, difficulty, write] = templates[index % templates.length];
    const a = found[index % found.length];
    const b = found[(index + 1) % found.length];
    questions.push({ content: write(a, b), category, difficulty, rubric: rubric(language, a, b) });
  }
  const existing = Array.isArray(payload.existing_questions) ? payload.existing_questions.filter((item) => typeof item === 'string' && item) : [];
  if (existing.length) {
    const [category, difficulty] = templates[1];
    // Second in the list: within what the platform reads of the proposals, whatever the count.
    questions.splice(1, 0, { content: existing[0], category, difficulty, rubric: rubric(language, found[0], found[1]) });
  }
  return { questions };
}

/** One follow-up question about the first rubric point the answer missed. */
export function followUp(payload) {
  const language = payload.language === 'ko' ? 'ko' : 'en';
  const point = Array.isArray(payload.missing) && payload.missing[0] ? payload.missing[0] : null;
  const description = String(point?.description ?? '').trim().replace(/[.。]$/, '').slice(0, 120);
  const name = String(point?.name ?? '').replace(/_/g, ' ').trim().slice(0, 60);
  if (language === 'ko') {
    const about = HANGUL.test(description) ? description : name || '방금 답변하신 내용';
    return { follow_up: `말씀 감사합니다. "${about}" 부분을 조금 더 듣고 싶습니다. 직접 하신 일과 그 결과를 예를 들어 말씀해 주시겠어요?` };
  }
  const about = description && !HANGUL.test(description) ? description : name || 'what you just described';
  return { follow_up: `Thank you. Could you say more about one point: "${about}"? A concrete example from your own work, and what came of it, would help.` };
}

function completion(model, content) {
  return {
    id: `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 200, completion_tokens: Math.ceil(content.length / 4), total_tokens: 200 + Math.ceil(content.length / 4) },
  };
}

/**
 * Starts the fake on 127.0.0.1; resolves with { url, baseUrl, apiKey, model, requests, close() }: `baseUrl`
 * (`${url}/v1`) is the platform's LLM_BASE_URL, `model` its LLM_MODEL. Each entry of `requests`: { at, path,
 * authorized, model, task, payload (the last user message's object), status, content (the object answered) }.
 */
export function startFakeLlm({ apiKey = 'fake-llm-key', model = 'fake-llm', port = 0, log = () => {} } = {}) {
  const requests = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://fake').pathname;
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const entry = { at: Date.now(), path, authorized: request.headers.authorization === `Bearer ${apiKey}`, model: null, task: null, payload: null, status: 0, content: null };
      requests.push(entry);
      const answer = (status, body) => {
        entry.status = status;
        log(`fake llm: ${request.method} ${path} ${entry.task ?? '-'} -> ${status}`);
        json(response, status, body);
      };
      const refuse = (status, message, type, code = null, param = null) => {
        entry.status = status;
        log(`fake llm: ${request.method} ${path} ${entry.task ?? '-'} -> ${status} ${message}`);
        openAiError(response, status, message, type, code, param);
      };
      if (request.method !== 'POST' || path !== '/v1/chat/completions') return refuse(404, `Unknown request URL: ${request.method} ${path}.`, 'invalid_request_error', 'unknown_url');
      if (!entry.authorized) return refuse(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      let body;
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        return refuse(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
      }
      entry.model = body.model ?? null;
      if (!body.model) return refuse(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
      const users = Array.isArray(body.messages) ? body.messages.filter((message) => message?.role === 'user') : [];
      let payload = null;
      try {
        payload = JSON.parse(String(users.at(-1)?.content ?? ''));
      } catch {
        payload = null;
      }
      entry.payload = payload;
      entry.task = payload?.task ?? null;
      const reply = entry.task === 'question_generation' ? draftQuestions(payload) : entry.task === 'follow_up' ? followUp(payload) : null;
      if (reply) {
        entry.content = reply;
        return answer(200, completion(body.model, JSON.stringify(reply)));
      }
      return refuse(400, 'The last user message is not a task this fake knows (question_generation, follow_up).', 'invalid_request_error', null, 'messages');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const url = `http://127.0.0.1:${address.port}`;
      resolve({
        url,
        baseUrl: `${url}/v1`,
        apiKey,
        model,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fake = await startFakeLlm({ port: Number(process.argv[2] ?? 0), log: console.log });
  console.log(`fake LLM at ${fake.url} (LLM_BASE_URL=${fake.baseUrl} LLM_API_KEY=${fake.apiKey} LLM_MODEL=${fake.model})`);
}
