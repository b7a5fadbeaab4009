/**
 * Minimal writer for the BRC-104 signed payloads: raw bytes and Bitcoin VarInts, where -1 (an
 * absent field) is nine 0xff bytes, as `@bsv/sdk` Utils.Writer.writeVarIntNum writes it.
 */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  write(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  writeVarInt(n: number): this {
    let out: Buffer;
    if (n < 0) {
      out = Buffer.alloc(9, 0xff);
    } else if (n < 0xfd) {
      out = Buffer.from([n]);
    } else if (n <= 0xffff) {
      out = Buffer.alloc(3);
      out[0] = 0xfd;
      out.writeUInt16LE(n, 1);
    } else if (n <= 0xffffffff) {
      out = Buffer.alloc(5);
      out[0] = 0xfe;
      out.writeUInt32LE(n, 1);
    } else {
      out = Buffer.alloc(9);
      out[0] = 0xff;
      out.writeBigUInt64LE(BigInt(n), 1);
    }
    return this.write(out);
  }

  /** varint(length) + bytes, or varint(-1) when absent. */
  writeField(bytes: Uint8Array | undefined): this {
    if (bytes === undefined) return this.writeVarInt(-1);
    return this.writeVarInt(bytes.length).write(bytes);
  }

  writeString(text: string | undefined): this {
    return this.writeField(text === undefined ? undefined : Buffer.from(text, 'utf8'));
  }

  /** The pieces as written, for hashing without copying large bodies into one buffer. */
  toParts(): readonly Uint8Array[] {
    return this.parts;
  }
}
