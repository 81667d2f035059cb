package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Turns the protobuf body client-go sends for a Secret (Helm's release storage) into the JSON the
 * fabric8 mock understands. The mock has no protobuf support and, fed such a body, throws and never
 * answers, which hangs the Helm call.
 *
 * <p>Wire format: the 4 magic bytes {@code k8s\0}, then a {@code runtime.Unknown} message
 * (1: TypeMeta {1: apiVersion, 2: kind}, 2: raw bytes, 3: contentEncoding, 4: contentType) whose
 * {@code raw} is a {@code core/v1.Secret} (1: ObjectMeta, 2: map data, 3: type, 4: map stringData,
 * 5: immutable). Field numbers are those of k8s.io/api's generated.proto; unknown fields are skipped.
 */
final class ProtobufSecretDecoder {

    static final byte[] MAGIC = {'k', '8', 's', 0};

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtobufSecretDecoder() {}

    /** Whether {@code body} starts with the Kubernetes protobuf envelope magic. */
    static boolean isKubernetesProtobuf(byte[] body) {
        return body != null
                && body.length >= MAGIC.length
                && Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC);
    }

    /** The Secret in {@code body} (envelope included) as a Kubernetes JSON object. */
    static ObjectNode decodeSecret(byte[] body) {
        if (!isKubernetesProtobuf(body)) {
            throw new ProtobufFormatException("body does not start with the k8s protobuf magic");
        }
        Reader envelope = new Reader(body, MAGIC.length, body.length);
        String apiVersion = "v1";
        String kind = "Secret";
        byte[] raw = null;
        while (envelope.hasMore()) {
            int tag = envelope.varint32();
            switch (tag >>> 3) {
                case 1 -> {
                    Reader typeMeta = envelope.message();
                    while (typeMeta.hasMore()) {
                        int t = typeMeta.varint32();
                        switch (t >>> 3) {
                            case 1 -> apiVersion = typeMeta.string();
                            case 2 -> kind = typeMeta.string();
                            default -> typeMeta.skip(t);
                        }
                    }
                }
                case 2 -> raw = envelope.bytes();
                default -> envelope.skip(tag);
            }
        }
        if (raw == null) {
            throw new ProtobufFormatException("runtime.Unknown envelope holds no raw object");
        }
        if (!"Secret".equals(kind)) {
            throw new ProtobufFormatException("the sandbox decodes protobuf only for Secrets, got kind " + kind);
        }
        ObjectNode secret = JSON.createObjectNode();
        secret.put("apiVersion", apiVersion);
        secret.put("kind", kind);
        Reader reader = new Reader(raw, 0, raw.length);
        while (reader.hasMore()) {
            int tag = reader.varint32();
            switch (tag >>> 3) {
                case 1 -> secret.set("metadata", objectMeta(reader.message()));
                case 2 -> {
                    Entry entry = mapEntry(reader.message());
                    secret.withObjectProperty("data").put(entry.key, Base64.getEncoder().encodeToString(entry.value));
                }
                case 3 -> secret.put("type", reader.string());
                case 4 -> {
                    Entry entry = mapEntry(reader.message());
                    secret.withObjectProperty("stringData").put(entry.key, new String(entry.value, StandardCharsets.UTF_8));
                }
                case 5 -> secret.put("immutable", reader.varint64() != 0);
                default -> reader.skip(tag);
            }
        }
        return secret;
    }

    private static ObjectNode objectMeta(Reader reader) {
        ObjectNode meta = JSON.createObjectNode();
        while (reader.hasMore()) {
            int tag = reader.varint32();
            switch (tag >>> 3) {
                case 1 -> meta.put("name", reader.string());
                case 2 -> meta.put("generateName", reader.string());
                case 3 -> meta.put("namespace", reader.string());
                case 5 -> meta.put("uid", reader.string());
                case 6 -> meta.put("resourceVersion", reader.string());
                case 7 -> meta.put("generation", reader.varint64());
                case 8 -> meta.put("creationTimestamp", time(reader.message()));
                case 11 -> {
                    Entry entry = mapEntry(reader.message());
                    meta.withObjectProperty("labels").put(entry.key, new String(entry.value, StandardCharsets.UTF_8));
                }
                case 12 -> {
                    Entry entry = mapEntry(reader.message());
                    meta.withObjectProperty("annotations").put(entry.key, new String(entry.value, StandardCharsets.UTF_8));
                }
                case 14 -> {
                    ArrayNode finalizers = meta.has("finalizers")
                            ? (ArrayNode) meta.get("finalizers")
                            : meta.putArray("finalizers");
                    finalizers.add(reader.string());
                }
                // selfLink, deletion fields, owner references and managed fields are never set by
                // Helm's storage driver and mean nothing to the mock.
                default -> reader.skip(tag);
            }
        }
        return meta;
    }

    private static String time(Reader reader) {
        long seconds = 0;
        while (reader.hasMore()) {
            int tag = reader.varint32();
            if (tag >>> 3 == 1) {
                seconds = reader.varint64();
            } else {
                reader.skip(tag);
            }
        }
        return Instant.ofEpochSecond(seconds).toString();
    }

    private record Entry(String key, byte[] value) {}

    private static Entry mapEntry(Reader reader) {
        String key = "";
        byte[] value = new byte[0];
        while (reader.hasMore()) {
            int tag = reader.varint32();
            switch (tag >>> 3) {
                case 1 -> key = reader.string();
                case 2 -> value = reader.bytes();
                default -> reader.skip(tag);
            }
        }
        return new Entry(key, value);
    }

    /** The body was not the protobuf the decoder expects; the message says what was wrong. */
    static final class ProtobufFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProtobufFormatException(String message) {
            super(message);
        }
    }

    /** A cursor over a protobuf byte range: varints, length-delimited fields and skipping. */
    private static final class Reader {
        private final byte[] buf;
        private final int end;
        private int pos;

        Reader(byte[] buf, int from, int end) {
            this.buf = buf;
            this.pos = from;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varint64() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new ProtobufFormatException("truncated varint at byte " + pos);
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new ProtobufFormatException("varint longer than 10 bytes at byte " + pos);
        }

        int varint32() {
            return (int) varint64();
        }

        private int length() {
            long length = varint64();
            if (length < 0 || length > end - pos) {
                throw new ProtobufFormatException("length " + length + " runs past the end at byte " + pos);
            }
            return (int) length;
        }

        byte[] bytes() {
            int length = length();
            byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = length();
            Reader sub = new Reader(buf, pos, pos + length);
            pos += length;
            return sub;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint64();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw new ProtobufFormatException("unsupported wire type " + (tag & 7) + " at byte " + pos);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new ProtobufFormatException("field runs past the end at byte " + pos);
            }
            pos += n;
        }
    }
}
