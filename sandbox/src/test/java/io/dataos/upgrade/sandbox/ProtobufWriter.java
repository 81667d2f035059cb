package io.dataos.upgrade.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf fields the way client-go's generated marshallers do, to build test bodies. */
final class ProtobufWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter varintField(int field, long value) {
        varint((long) field << 3);
        varint(value);
        return this;
    }

    ProtobufWriter bytesField(int field, byte[] value) {
        varint(((long) field << 3) | 2);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtobufWriter stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufWriter messageField(int field, ProtobufWriter message) {
        return bytesField(field, message.toByteArray());
    }

    ProtobufWriter mapEntry(int field, String key, byte[] value) {
        return messageField(field, new ProtobufWriter().stringField(1, key).bytesField(2, value));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A Secret wrapped in the k8s runtime.Unknown envelope, as client-go POSTs it. */
    static byte[] secretEnvelope(String namespace, String name, String label, String key, byte[] data) {
        ProtobufWriter meta = new ProtobufWriter()
                .stringField(1, name)
                .stringField(3, namespace)
                .varintField(7, 3)
                .messageField(8, new ProtobufWriter().varintField(1, 1_700_000_000L).varintField(2, 0))
                .mapEntry(11, "owner", label.getBytes(StandardCharsets.UTF_8))
                .mapEntry(12, "note", "x".getBytes(StandardCharsets.UTF_8))
                .varintField(99, 12345); // an unknown field the decoder must skip
        ProtobufWriter secret = new ProtobufWriter()
                .messageField(1, meta)
                .mapEntry(2, key, data)
                .stringField(3, "helm.sh/release.v1");
        ProtobufWriter unknown = new ProtobufWriter()
                .messageField(1, new ProtobufWriter().stringField(1, "v1").stringField(2, "Secret"))
                .bytesField(2, secret.toByteArray())
                .stringField(4, "application/vnd.kubernetes.protobuf");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ProtobufSecretDecoder.MAGIC);
        body.writeBytes(unknown.toByteArray());
        return body.toByteArray();
    }
}
