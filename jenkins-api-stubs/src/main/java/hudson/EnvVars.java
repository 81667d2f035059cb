// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java
// (Jenkins 2.479.3). The bodies the plugin and its tests reach are written from the real ones (each names the
// upstream method); the macro expansion is Util.replaceMacro's, which EnvVars#expand calls.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Environment variables: case-insensitive names, {@code PATH+XYZ} prepending, {@code $VAR} expansion. */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;

    /** Util.VARIABLE: {@code $NAME}, {@code ${NAME}} and the escape {@code $$}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    // EnvVars#masterEnvVars: this JVM's environment (initMaster).
    public static final Map<String, String> masterEnvVars = new EnvVars(System.getenv());

    // EnvVars(): names compare case-insensitively, on every platform.
    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    // EnvVars(Map)
    public EnvVars(@NonNull Map<String, String> m) {
        this();
        putAll(m);
    }

    // EnvVars(EnvVars)
    public EnvVars(@NonNull EnvVars m) {
        this((Map<String, String>) m);
    }

    // EnvVars(String...): key, value, key, value...
    public EnvVars(String... keyValuePairs) {
        this();
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException(Arrays.asList(keyValuePairs).toString());
        }
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
    }

    // EnvVars#override: an empty value removes; KEY+XYZ prepends to KEY with the path separator.
    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
            return;
        }
        int idx = key.indexOf('+');
        if (idx > 0) {
            String realKey = key.substring(0, idx);
            String v = get(realKey);
            put(realKey, v == null ? value : value + File.pathSeparatorChar + v);
            return;
        }
        put(key, value);
    }

    // EnvVars#overrideAll
    public EnvVars overrideAll(Map<String, String> all) {
        for (Map.Entry<String, String> e : all.entrySet()) {
            override(e.getKey(), e.getValue());
        }
        return this;
    }

    // EnvVars#overrideExpandingAll: each value expanded against what is set so far, in an order where a
    // variable comes after the ones it refers to (OverrideOrderCalculator), KEY+XYZ ones last.
    public EnvVars overrideExpandingAll(@NonNull Map<String, String> all) {
        for (String key : overrideOrder(all)) {
            override(key, expand(all.get(key)));
        }
        return this;
    }

    // EnvVars.OverrideOrderCalculator#scan: references of each override, cycles cut (at a variable already set
    // if the cycle has one, else at its first), then a depth-first order, referees first.
    private List<String> overrideOrder(Map<String, String> overrides) {
        Map<String, Set<String>> refers = new TreeMap<>(comparator());
        List<String> extending = new ArrayList<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (e.getKey().indexOf('+') > 0) {
                extending.add(e.getKey());
                continue;
            }
            Set<String> referred = new TreeSet<>(comparator());
            replaceMacro(e.getValue(), name -> {
                referred.add(name);
                return "";
            });
            referred.remove(e.getKey());
            refers.put(e.getKey(), referred);
        }
        List<String> sorted;
        while (true) {
            List<String> cycle = new ArrayList<>();
            sorted = topological(refers, cycle);
            if (sorted != null) {
                break;
            }
            String referee = cycle.get(0);
            for (String c : cycle) {
                if (containsKey(c)) {
                    referee = c;
                    break;
                }
            }
            String referrer = cycle.get(cycle.lastIndexOf(referee) - 1);
            refers.get(referrer).remove(referee);
        }
        List<String> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        List<String> ordered = new ArrayList<>();
        for (String key : reversed) {
            if (overrides.containsKey(key) && !ordered.contains(key)) {
                ordered.add(key);
            }
        }
        Collections.reverse(ordered);
        ordered.addAll(extending);
        return ordered;
    }

    /** Depth-first order (what a variable refers to first), or null with {@code cycle} filled (first = last). */
    private static List<String> topological(Map<String, Set<String>> refers, List<String> cycle) {
        List<String> sorted = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String n : refers.keySet()) {
            if (!visit(n, refers, done, new ArrayList<>(), sorted, cycle)) {
                return null;
            }
        }
        return sorted;
    }

    private static boolean visit(String n, Map<String, Set<String>> refers, Set<String> done, List<String> path,
            List<String> sorted, List<String> cycle) {
        if (done.contains(n)) {
            return true;
        }
        int at = path.indexOf(n);
        if (at >= 0) {
            cycle.addAll(path.subList(at, path.size()));
            cycle.add(n);
            return false;
        }
        path.add(n);
        for (String m : refers.getOrDefault(n, Set.of())) {
            if (!visit(m, refers, done, path, sorted, cycle)) {
                return false;
            }
        }
        path.remove(path.size() - 1);
        done.add(n);
        sorted.add(n);
        return true;
    }

    // EnvVars#get(String, String)
    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    // EnvVars#put: no null values.
    @Override
    public String put(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Null value not allowed as an environment variable: " + key);
        }
        return super.put(key, value);
    }

    // EnvVars#expand -> Util.replaceMacro(s, this)
    public String expand(String s) {
        return replaceMacro(s, this::get);
    }

    // Util#replaceMacro(String, VariableResolver): $NAME and ${NAME} replaced when the resolver knows them, left
    // as they are when it does not; $$ becomes $.
    private static String replaceMacro(String s, Function<String, String> resolver) {
        if (s == null) {
            return null;
        }
        int idx = 0;
        while (true) {
            Matcher m = VARIABLE.matcher(s);
            if (!m.find(idx)) {
                return s;
            }
            String key = m.group().substring(1);
            String value;
            if (key.charAt(0) == '$') {
                value = "$";
            } else {
                if (key.charAt(0) == '{') {
                    key = key.substring(1, key.length() - 1);
                }
                value = resolver.apply(key);
            }
            if (value == null) {
                idx = m.end();
            } else {
                s = s.substring(0, m.start()) + value + s.substring(m.end());
                idx = m.start() + value.length();
            }
        }
    }
}
