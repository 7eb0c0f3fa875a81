// A small builder of ONNX graphs over onnx-proto's generated protobuf classes (protobufjs):
// nodes with fresh value names, initializers, constants, typed graph inputs and outputs
// with symbolic (dynamic) axes, and the serialised ModelProto. It knows ONNX, not BERT.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type TensorProto = onnxProto.onnx.ITensorProto;
type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
type AttributeProto = onnxProto.onnx.IAttributeProto;

/** The element types the exports use, as TensorProto.DataType numbers. */
export const ElementType = {
  float: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int8: onnx.TensorProto.DataType.INT8,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
} as const;
export type ElementTypeName = keyof typeof ElementType;

/** An attribute value: a JavaScript integer is an INT, `{float}` a FLOAT, an integer array INTS. */
export type AttributeValue = number | number[] | { float: number } | string;

/** A dimension: a fixed size or the name of a dynamic axis ("batch_size"). */
export type Dimension = number | string;

export interface TensorData {
  type: ElementTypeName;
  dims: readonly number[];
  values: Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;
}

/** IR version 8 is what ONNX 1.10–1.12 write; it carries opsets up to 17. */
export const IR_VERSION = 8;

function attribute(name: string, value: AttributeValue): AttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; write {float: ${value}} for a float`);
  return { name, type: AttributeType.INT, i: value };
}

function bytesOf(values: TensorData['values']): Uint8Array {
  // ONNX raw_data is little-endian, as every typed array is on the platforms Node runs on.
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function valueInfo(name: string, type: ElementTypeName, dims: readonly Dimension[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ElementType[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface ModelInfo {
  producerName: string;
  producerVersion?: string;
  docString?: string;
  /** metadata_props: shown by Netron and readable through ORT's session metadata. */
  metadata?: Record<string, string>;
}

export class OnnxGraph {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private nextId = 0;

  constructor(
    readonly name: string,
    readonly opset: number,
  ) {}

  input(name: string, type: ElementTypeName, dims: readonly Dimension[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Marks `value` as a graph output called `name` (an Identity renames it when they differ). */
  output(value: string, name: string, type: ElementTypeName, dims: readonly Dimension[]): void {
    if (value !== name) this.op('Identity', [value], {}, name);
    this.outputs.push(valueInfo(name, type, dims));
  }

  initializer(name: string, data: TensorData): string {
    const size = data.dims.reduce((a, b) => a * b, 1);
    if (size !== data.values.length) throw new Error(`initializer ${name}: ${data.values.length} values for shape [${data.dims.join(', ')}]`);
    this.claim(name);
    this.initializers.push({ name, dataType: ElementType[data.type], dims: [...data.dims], rawData: bytesOf(data.values) });
    return name;
  }

  /** A small constant tensor (shapes, axes, scalars), stored as an initializer. */
  constant(hint: string, type: 'float' | 'int64', dims: readonly number[], values: readonly number[]): string {
    const typed = type === 'float' ? Float32Array.from(values) : BigInt64Array.from(values.map(BigInt));
    return this.initializer(this.fresh(`const_${hint}`), { type, dims, values: typed });
  }

  scalar(value: number): string {
    return this.constant(String(value), 'float', [], [value]);
  }

  int64s(values: readonly number[]): string {
    return this.constant(values.join('_'), 'int64', [values.length], values);
  }

  /** Adds a node; its output gets a fresh name unless `output` names it. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    return this.opMulti(opType, inputs, 1, attributes, output ? [output] : undefined)[0]!;
  }

  /** Adds a node with several outputs (Split, DynamicQuantizeLinear). */
  opMulti(opType: string, inputs: readonly string[], count: number, attributes: Record<string, AttributeValue> = {}, outputs?: readonly string[]): string[] {
    const names = outputs ? [...outputs] : Array.from({ length: count }, () => this.fresh(opType));
    for (const name of names) this.claim(name);
    this.nodes.push({
      opType,
      name: `${opType}_${this.nodes.length}`,
      input: [...inputs],
      output: names,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return names;
  }

  /** Whether a value (input, initializer or node output) of this name exists. */
  has(name: string): boolean {
    return this.names.has(name);
  }

  toModelBytes(info: ModelInfo): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: this.opset }],
      producerName: info.producerName,
      producerVersion: info.producerVersion ?? '',
      docString: info.docString ?? '',
      metadataProps: Object.entries(info.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private fresh(hint: string): string {
    let name: string;
    do name = `${hint.replace(/[^A-Za-z0-9_.]/g, '_')}_${this.nextId++}`;
    while (this.names.has(name));
    return name;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`the ONNX graph already has a value named ${name}`);
    this.names.add(name);
  }
}

export interface DecodedOnnxModel {
  model: onnxProto.onnx.ModelProto;
  graph: onnxProto.onnx.GraphProto;
}

/** Decodes a serialised model (for tests and checks); protobufjs decodes nested messages as their classes. */
export function decodeOnnxModel(bytes: Uint8Array): DecodedOnnxModel {
  const model = onnx.ModelProto.decode(bytes);
  if (!model.graph) throw new Error('the ONNX model has no graph');
  return { model, graph: model.graph as onnxProto.onnx.GraphProto };
}
