// A minimal pickle machine for the data.pkl of torch.save: the opcodes of protocols 2-5
// that state dicts use, and nothing that runs code. Classes and functions are looked up in
// an allowlist the caller gives (as torch.load(weights_only=True) does); anything else is
// refused by name, so a hostile checkpoint cannot do more than fail to load.

export class PickleError extends Error {
  override name = 'PickleError';
}

/** A class or function named by GLOBAL / STACK_GLOBAL. */
export interface PickleGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
}

/** What REDUCE / NEWOBJ does with an allowed global: its result. */
export type PickleCallable = (args: unknown[]) => unknown;

export interface UnpickleOptions {
  /** `module.name` -> what calling it returns; globals absent here are refused when called. */
  callables: Record<string, PickleCallable>;
  /** The value of a persistent id (BINPERSID): torch's storages. */
  persistentLoad: (pid: unknown) => unknown;
}

// Opcodes (pickletools names).
const OP = {
  MARK: 0x28, STOP: 0x2e, POP: 0x30, POP_MARK: 0x31, DUP: 0x32,
  BINFLOAT: 0x47, BININT: 0x4a, BININT1: 0x4b, BININT2: 0x4d, NONE: 0x4e,
  BINPERSID: 0x51, REDUCE: 0x52, BINSTRING: 0x54, SHORT_BINSTRING: 0x55, BINUNICODE: 0x58,
  EMPTY_LIST: 0x5d, APPEND: 0x61, BUILD: 0x62, GLOBAL: 0x63, DICT: 0x64, APPENDS: 0x65,
  BINGET: 0x68, LONG_BINGET: 0x6a, LIST: 0x6c, BINPUT: 0x71, LONG_BINPUT: 0x72,
  SETITEM: 0x73, TUPLE: 0x74, SETITEMS: 0x75, EMPTY_DICT: 0x7d, EMPTY_TUPLE: 0x29,
  PROTO: 0x80, NEWOBJ: 0x81, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87, NEWTRUE: 0x88,
  NEWFALSE: 0x89, LONG1: 0x8a, BINBYTES: 0x42, SHORT_BINBYTES: 0x43,
  SHORT_BINUNICODE: 0x8c, BINUNICODE8: 0x8d, BINBYTES8: 0x8e, EMPTY_SET: 0x8f,
  ADDITEMS: 0x90, FROZENSET: 0x91, STACK_GLOBAL: 0x93, MEMOIZE: 0x94, FRAME: 0x95,
} as const;

function isGlobal(value: unknown): value is PickleGlobal {
  return typeof value === 'object' && value !== null && (value as PickleGlobal).kind === 'global';
}

/** Runs the pickle program in `bytes` and returns what it leaves on the stack. */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const latin1 = new TextDecoder('latin1');
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  let p = 0;

  const need = (n: number) => {
    if (p + n > bytes.byteLength) throw new PickleError(`data.pkl ends inside an opcode at byte ${p}`);
  };
  const u8 = () => (need(1), bytes[p++]!);
  const u16 = () => (need(2), (p += 2), view.getUint16(p - 2, true));
  const u32 = () => (need(4), (p += 4), view.getUint32(p - 4, true));
  const i32 = () => (need(4), (p += 4), view.getInt32(p - 4, true));
  const u64 = () => (need(8), (p += 8), Number(view.getBigUint64(p - 8, true)));
  const take = (n: number) => (need(n), (p += n), bytes.subarray(p - n, p));
  const line = () => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw new PickleError('unterminated GLOBAL name');
    const text = latin1.decode(bytes.subarray(p, end));
    p = end + 1;
    return text;
  };
  const pop = () => {
    if (stack.length === 0) throw new PickleError(`stack underflow at byte ${p}`);
    return stack.pop();
  };
  const popMark = () => {
    const items = stack;
    const previous = marks.pop();
    if (!previous) throw new PickleError(`MARK expected at byte ${p}`);
    stack = previous;
    return items;
  };
  const top = () => stack[stack.length - 1];
  const call = (callable: unknown, args: unknown): unknown => {
    if (!isGlobal(callable)) throw new PickleError(`REDUCE on something that is not a class or function`);
    const qualified = `${callable.module}.${callable.name}`;
    const fn = options.callables[qualified];
    if (!fn) throw new PickleError(`the checkpoint calls ${qualified}, which a weights file has no business calling; refused`);
    return fn(args as unknown[]);
  };
  const setItems = (target: unknown, items: unknown[]) => {
    if (!(target instanceof Map)) throw new PickleError('SETITEM(S) on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  const appendItems = (target: unknown, items: unknown[]) => {
    if (!Array.isArray(target)) throw new PickleError('APPEND(S) on something that is not a list');
    target.push(...items);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case OP.PROTO:
        if (u8() > 5) throw new PickleError('pickle protocol above 5');
        break;
      case OP.FRAME:
        u64(); // frames only group opcodes for buffered readers
        break;
      case OP.STOP:
        return pop();
      case OP.MARK:
        marks.push(stack);
        stack = [];
        break;
      case OP.POP:
        pop();
        break;
      case OP.POP_MARK:
        popMark();
        break;
      case OP.DUP:
        stack.push(top());
        break;
      case OP.NONE:
        stack.push(null);
        break;
      case OP.NEWTRUE:
        stack.push(true);
        break;
      case OP.NEWFALSE:
        stack.push(false);
        break;
      case OP.BININT:
        stack.push(i32());
        break;
      case OP.BININT1:
        stack.push(u8());
        break;
      case OP.BININT2:
        stack.push(u16());
        break;
      case OP.LONG1: {
        const data = take(u8());
        let value = 0n;
        for (let i = data.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[i]!);
        if (data.length > 0 && data[data.length - 1]! & 0x80) value -= 1n << BigInt(8 * data.length);
        stack.push(Number(value));
        break;
      }
      case OP.BINFLOAT:
        need(8);
        stack.push(view.getFloat64(p, false));
        p += 8;
        break;
      case OP.BINUNICODE:
        stack.push(utf8.decode(take(u32())));
        break;
      case OP.SHORT_BINUNICODE:
        stack.push(utf8.decode(take(u8())));
        break;
      case OP.BINUNICODE8:
        stack.push(utf8.decode(take(u64())));
        break;
      case OP.BINSTRING:
        stack.push(latin1.decode(take(u32())));
        break;
      case OP.SHORT_BINSTRING:
        stack.push(latin1.decode(take(u8())));
        break;
      case OP.BINBYTES:
        stack.push(take(u32()));
        break;
      case OP.SHORT_BINBYTES:
        stack.push(take(u8()));
        break;
      case OP.BINBYTES8:
        stack.push(take(u64()));
        break;
      case OP.EMPTY_TUPLE:
        stack.push([]);
        break;
      case OP.TUPLE:
      case OP.LIST: {
        // Not stack.push(popMark()): popMark replaces `stack`, which push would have read first.
        const items = popMark();
        stack.push(items);
        break;
      }
      case OP.TUPLE1:
        stack.push([pop()]);
        break;
      case OP.TUPLE2: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case OP.TUPLE3: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case OP.EMPTY_LIST:
        stack.push([]);
        break;
      case OP.APPEND: {
        const value = pop();
        appendItems(top(), [value]);
        break;
      }
      case OP.APPENDS: {
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case OP.EMPTY_DICT:
        stack.push(new Map());
        break;
      case OP.DICT: {
        const dict = new Map();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case OP.SETITEM: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case OP.SETITEMS: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case OP.EMPTY_SET:
        stack.push(new Set());
        break;
      case OP.ADDITEMS: {
        const items = popMark();
        const set = top();
        if (!(set instanceof Set)) throw new PickleError('ADDITEMS on something that is not a set');
        for (const item of items) set.add(item);
        break;
      }
      case OP.FROZENSET: {
        const items = popMark();
        stack.push(new Set(items));
        break;
      }
      case OP.BINPUT:
        memo.set(u8(), top());
        break;
      case OP.LONG_BINPUT:
        memo.set(u32(), top());
        break;
      case OP.MEMOIZE:
        memo.set(memo.size, top());
        break;
      case OP.BINGET:
      case OP.LONG_BINGET: {
        const index = op === OP.BINGET ? u8() : u32();
        if (!memo.has(index)) throw new PickleError(`memo entry ${index} read before it was written`);
        stack.push(memo.get(index));
        break;
      }
      case OP.GLOBAL: {
        const module = line();
        stack.push({ kind: 'global', module, name: line() } satisfies PickleGlobal);
        break;
      }
      case OP.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new PickleError('STACK_GLOBAL needs two strings');
        stack.push({ kind: 'global', module, name } satisfies PickleGlobal);
        break;
      }
      case OP.REDUCE: {
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case OP.NEWOBJ: {
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case OP.BUILD:
        // Object state: for state dicts only OrderedDict._metadata (versions of modules), not needed.
        pop();
        break;
      case OP.BINPERSID:
        stack.push(options.persistentLoad(pop()));
        break;
      default:
        throw new PickleError(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')} at byte ${p - 1}`);
    }
  }
}
