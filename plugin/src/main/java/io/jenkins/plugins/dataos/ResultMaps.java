package io.jenkins.plugins.dataos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step return values as Pipeline scripts can keep them: plain {@code LinkedHashMap}/{@code ArrayList} trees of
 * strings, numbers and booleans (serializable with the Pipeline's state, usable in the Groovy sandbox), with
 * every known secret masked in every string.
 */
final class ResultMaps {

    private ResultMaps() {
    }

    static Map<String, Object> plain(Map<String, ?> result, SecretMasker masker) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : result.entrySet()) {
            copy.put(masker.mask(e.getKey()), value(e.getValue(), masker, e.getKey()));
        }
        return copy;
    }

    private static Object value(Object v, SecretMasker masker, String where) {
        if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof CharSequence || v instanceof Enum<?>) {
            return masker.mask(v.toString());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(masker.mask(String.valueOf(e.getKey())), value(e.getValue(), masker, where));
            }
            return copy;
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            for (Object o : c) {
                copy.add(value(o, masker, where));
            }
            return copy;
        }
        throw new IllegalStateException("result '" + where + "' holds a " + v.getClass().getName()
                + ", which a Pipeline cannot keep: convert it to strings, numbers, lists or maps");
    }
}
