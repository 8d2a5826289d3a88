// Generated models for the benchmark: valid envelopes of the current schema
// (version 4: a file as the app writes it today, so an import takes the
// one-pass way in; an older version goes through the migrations), the same
// text the app itself keeps in local storage and exports (pretty-printed).
//
// Deterministic (seeded), so every run and every commit measures the same
// files. Every id is unique, every assignment names an existing role, about
// every third cell holds a letter, and each element has at most one A.

const KINDS = ['process', 'workflow', 'data', 'system', 'outcome'];
const WORDS = (
  'order invoice supplier customer payroll onboarding release incident audit ' +
  'forecast contract inventory shipment refund pricing roadmap hiring budget ' +
  'ledger report backlog review escalation quality training vendor policy risk'
).split(' ');

/// Mulberry32: a small seeded generator, good enough for test data.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/// A UUID v4 in text form, from the seeded generator.
function uuid(next) {
  const hex = [...Array(32)].map(() => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(next() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function words(next, n) {
  return [...Array(n)].map(() => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/// A model of `elements` rows by `roles` columns, as an envelope object.
/// `descriptionChars` gives every element a description of that length.
export function makeModel({ elements, roles, descriptionChars = 0, seed = 1, name }) {
  const next = rng(seed);
  // Descriptions draw from their own stream, so their length does not change
  // the ids and names (modelOfSize relies on it).
  const text = rng(seed + 1_000_003);
  const stamp = '2026-11-01T09:00:00Z';
  const roleList = [...Array(roles)].map((_, j) => ({
    id: uuid(next),
    name: `Role ${j + 1}: ${words(next, 2)}`,
    description: '',
  }));
  const elementList = [...Array(elements)].map((_, i) => {
    const assignments = {};
    let accountable = false;
    for (let j = 0; j < roles; j++) {
      // About every third cell is filled; the first filled cell of most
      // elements is the accountable role, so the matrix looks like a real one
      // (a few elements have no owner and show up as findings).
      if ((i * roles + j) % 3 !== 0) continue;
      let letter;
      if (!accountable && i % 20 !== 7) {
        letter = 'A';
        accountable = true;
      } else {
        letter = 'RCI'[Math.floor(next() * 3)];
      }
      assignments[roleList[j].id] = letter;
    }
    return {
      id: uuid(next),
      name: `${words(next, 3)} ${i + 1}`.slice(0, 200),
      kind: KINDS[i % KINDS.length],
      description: descriptionChars > 0 ? filler(text, descriptionChars) : '',
      assignments,
    };
  });
  return {
    format: 'opmodel',
    schemaVersion: 4,
    exportedAt: stamp,
    generator: 'opmodel bench',
    model: {
      id: uuid(next),
      name: name ?? `Bench ${elements} x ${roles}`,
      createdAt: stamp,
      updatedAt: stamp,
      settings: { vocabulary: 'raci' },
      roles: roleList,
      elements: elementList,
      decisions: [],
      reviews: [],
      corrections: [],
      assessments: [],
      snapshots: [],
    },
  };
}

function filler(next, n) {
  let s = '';
  while (s.length < n) s += `${words(next, 8)}. `;
  return s.slice(0, n).trimEnd().padEnd(n, '.');
}

/// The text of a model file, pretty-printed like the app's own exports.
export function toText(envelope) {
  return JSON.stringify(envelope, null, 2);
}

/// A model whose file text is exactly `bytes` long (ASCII only, so
/// characters are bytes): `elements` x `roles` with descriptions padded out.
export function modelOfSize({ bytes, elements, roles, seed = 7, name }) {
  const bare = makeModel({ elements, roles, seed, name, descriptionChars: 1 });
  const base = toText(bare).length - elements; // without the 1-char descriptions
  const room = bytes - base;
  if (room < elements) throw new Error(`${elements} x ${roles} is already larger than ${bytes} bytes`);
  const each = Math.floor(room / elements);
  if (each > 5000) throw new Error('descriptions would exceed the 5,000 character limit: use more elements');
  const envelope = makeModel({ elements, roles, seed, name, descriptionChars: each });
  // Spread the remainder over the first descriptions, one character each.
  let extra = room - each * elements;
  for (const e of envelope.model.elements) {
    if (extra-- <= 0) break;
    e.description += '.';
  }
  const text = toText(envelope);
  if (text.length !== bytes) throw new Error(`sized model is ${text.length} bytes, wanted ${bytes}`);
  return { envelope, text };
}

/// A model with one workflow element of `stages` stages across `roles`
/// roles (each stage done by the next role in turn, so the work changes
/// hands at every stage), every field written, plus the matrix the checks
/// compare it with. The Workflows page opens it first.
export function makeWorkflowModel({ stages, roles, seed = 21, name }) {
  const envelope = makeModel({ elements: 1, roles, seed, name: name ?? `Bench ${stages}-stage workflow` });
  const next = rng(seed + 7);
  const m = envelope.model;
  const flow = m.elements[0];
  flow.kind = 'workflow';
  flow.name = 'Order to cash';
  flow.assignments = Object.fromEntries(m.roles.map((r, j) => [r.id, j === 0 ? 'A/R' : 'R']));
  m.workflows = [
    {
      element: flow.id,
      trigger: 'A customer order arrives',
      outputs: [{ what: 'Cash in the bank', role: m.roles[0].id }],
      volume: { runs: 120, per: 'week' },
      minutesPerRun: 25,
      stages: [...Array(stages)].map((_, k) => ({
        id: uuid(next),
        name: `Stage ${k + 1}: ${words(next, 2)}`,
        role: m.roles[k % roles].id,
        entry: `The previous stage is done: ${words(next, 4)}`,
        exit: `Checked and complete: ${words(next, 5)}`,
        duration: '1 day',
        handoff: { passed: `The ${words(next, 2)} file`, check: `The ${words(next, 2)} is complete` },
      })),
    },
  ];
  return { envelope, text: toText(envelope) };
}

/// The round trip of issue #23 on a 1,000 x 40 model: `base`, the version
/// the consultant sent (kept in their browser as an exported version);
/// `mine`, the consultant's model since (100 cells changed, 5 roles
/// renamed); `theirs`, the file that came back (100 other cells changed,
/// 10 of mine's cells changed otherwise: 10 conflicts, 20 elements removed
/// and 20 added). Returns the envelopes and the local storage entries that
/// hold mine and its kept version.
export function roundTrip() {
  const base = makeModel({ elements: 1000, roles: 40, seed: 11, name: 'Round trip 1000 x 40' });
  const m = base.model;
  const sent = { id: 'bench-sent-version', at: '2026-11-20T09:00:00Z' };
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const other = (letter) => ({ A: 'R', R: 'C', C: 'I', I: 'C', 'A/R': 'A' })[letter] ?? 'I';
  const shift = (el, by) => {
    const [role, letter] = Object.entries(el.assignments).find(([, l]) => l !== 'A') ?? Object.entries(el.assignments)[0];
    // `by` 2: a letter neither the base nor a change by 1 gives.
    el.assignments[role] = by === 1 ? other(letter) : ['R', 'C', 'I'].find((l) => l !== letter && l !== other(letter));
  };
  const mine = clone(base);
  mine.model.elements.slice(0, 100).forEach((e) => shift(e, 1));
  mine.model.roles.slice(0, 5).forEach((r) => { r.name = `${r.name} (renamed)`; });
  const theirs = clone(base);
  theirs.model.elements.slice(500, 600).forEach((e) => shift(e, 1));
  theirs.model.elements.slice(90, 100).forEach((e) => shift(e, 2));
  theirs.model.elements.splice(900, 20);
  const added = makeModel({ elements: 20, roles: 0, seed: 12 }).model.elements;
  theirs.model.elements.push(...added);
  theirs.model.id = 'bench-client-copy';
  theirs.model.lineage = { id: m.id, version: { id: 'bench-returned', at: '2026-12-01T09:00:00Z' }, basedOn: [sent] };
  const kept = clone(base);
  kept.model.lineage = { id: m.id, version: sent };
  const keptText = toText(kept);
  const list = [{
    id: sent.id, why: 'exported', at: sent.at, name: '', note: '', modelName: m.name,
    roles: m.roles.length, elements: m.elements.length, chars: keptText.length,
  }];
  return {
    mine,
    theirs,
    storage: [
      [`opmodel.model.${m.id}`, toText(mine)],
      ['opmodel.last', m.id],
      [`opmodel.versions.${m.id}`, JSON.stringify(list)],
      [`opmodel.version.${m.id}.${sent.id}`, keptText],
    ],
  };
}
