package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule "commands never run through a shell" for every spelling of an argv: a shell named
 * directly ({@code sh}, {@code /bin/bash}, {@code BASH.EXE}, {@code zsh-5.9}), a shell behind a
 * launcher ({@code nice}, {@code timeout}, {@code xargs}, {@code busybox}, {@code sudo},
 * {@code env}, {@code nohup}, {@code setsid}, {@code stdbuf}, {@code chroot}, {@code ionice},
 * {@code taskset}, … in any nesting), a launcher's own shell option ({@code sudo -s},
 * {@code env -S}, {@code flock -c}), and inline code given to an interpreter ({@code python3 -c},
 * {@code perl -e}). Every reader of an argv (manifests, settings, checks, plans) asks this one class.
 */
public final class Launchers {

    /** Programs that read a command line and run it: a shell line in disguise. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "pdksh", "oksh", "yash",
            "csh", "tcsh", "fish", "ash", "hush", "elvish", "xonsh", "cmd", "powershell", "pwsh",
            "eval", "exec", "su", "script", "expect", "watch", "parallel", "awk", "gawk", "mawk", "nawk", "nix-shell",
            "source", "tclsh", "wish");

    /** Programs that run the program named in their arguments. */
    static final Set<String> LAUNCHERS = Set.of("nice", "timeout", "xargs", "busybox", "toybox", "sudo", "doas",
            "env", "nohup", "setsid", "stdbuf", "chroot", "ionice", "taskset", "chrt", "nsenter", "unshare",
            "runuser", "flock", "time", "strace", "ltrace", "find", "command", "builtin", "numactl", "cgexec",
            "firejail", "prlimit", "setpriv", "unbuffer", "systemd-run", "fakeroot", "faketime", "proot", "sg",
            "newgrp", "pkexec", "catchsegv", "valgrind", "caffeinate", "nocache", "chpst", "softlimit", "setuidgid",
            "tini", "dumb-init", "gosu", "su-exec", "sudo-rs", "capsh", "bwrap", "flatpak-spawn", "start-stop-daemon");

    /** A launcher's options that make it start a shell itself, without one being named. */
    private static final Map<String, Set<String>> SHELL_OPTIONS = Map.of(
            "sudo", Set.of("-s", "-i", "--shell", "--login"),
            "sudo-rs", Set.of("-s", "-i", "--shell", "--login"),
            "doas", Set.of("-s"),
            "env", Set.of("-S", "--split-string"),
            "flock", Set.of("-c", "--command"),
            "runuser", Set.of("-c", "--command", "-l", "--login", "-s", "--shell"),
            "systemd-run", Set.of("-S", "--shell"),
            "capsh", Set.of("-c", "--"),
            "find", Set.of("-exec", "-execdir", "-ok", "-okdir"));

    /** Interpreters and the options that hand them code on the command line. */
    private static final Map<String, Set<String>> INLINE_CODE = Map.of(
            "python", Set.of("-c"),
            "perl", Set.of("-e", "-E"),
            "ruby", Set.of("-e"),
            "node", Set.of("-e", "--eval", "-p", "--print"),
            "nodejs", Set.of("-e", "--eval", "-p", "--print"),
            "php", Set.of("-r"),
            "lua", Set.of("-e"),
            "deno", Set.of("eval"),
            "bun", Set.of("-e", "--eval"));

    /** A program's base name with a version suffix: {@code python3.11}, {@code bash-5.2}, {@code zsh5}. */
    private static final Pattern VERSIONED = Pattern.compile("([a-z][a-z-]*?)[-_]?[0-9][0-9.]*");

    private Launchers() {}

    /** Where and why an argv runs a shell. */
    public record Refusal(int index, String problem) {}

    /** The first element of {@code argv} that runs a shell line or inline code, or null when there is none. */
    public static Refusal shellIn(List<String> argv) {
        if (argv.isEmpty()) {
            return null;
        }
        String program = base(argv.get(0));
        if (isShell(program)) {
            return new Refusal(0, "runs '" + program + "', which reads a command line");
        }
        String interpreter = interpreter(program);
        if (interpreter != null) {
            for (int i = 1; i < argv.size(); i++) {
                if (INLINE_CODE.get(interpreter).contains(argv.get(i))) {
                    return new Refusal(i, "gives '" + program + "' code on the command line (" + argv.get(i) + ")");
                }
            }
            return null;
        }
        String launcher = launcher(program);
        if (launcher == null) {
            return null;
        }
        Set<String> shellOptions = SHELL_OPTIONS.getOrDefault(launcher, Set.of());
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (shellOptions.contains(arg) || shellOptions.stream().anyMatch(o -> o.startsWith("--")
                    && arg.startsWith(o + "="))
                    || (launcher.startsWith("sudo") && arg.matches("-[A-Za-z]*[is][A-Za-z]*"))) {
                return new Refusal(i, "gives the launcher '" + launcher + "' the option " + arg + ", which starts a"
                        + " shell or runs a command line");
            }
            String inner = base(arg);
            if (isShell(inner)) {
                return new Refusal(i, "runs '" + inner + "' through the launcher '" + launcher + "': a shell behind"
                        + " a launcher is still a shell");
            }
            String nested = interpreter(inner);
            if (nested != null || launcher(inner) != null) {
                Refusal deeper = shellIn(argv.subList(i, argv.size()));
                if (deeper != null) {
                    return new Refusal(i + deeper.index(), deeper.problem() + " (started through '" + launcher + "')");
                }
            }
        }
        return null;
    }

    /**
     * Refuses an argv that runs a shell, naming {@code field[index]} of {@code source} and ending
     * with {@code example} (how to write the command instead).
     */
    public static void refuseShell(List<String> argv, String source, String field, String example) {
        Refusal refusal = shellIn(argv);
        if (refusal != null) {
            throw new InvalidInputException(source, field + "[" + refusal.index() + "]", "'"
                    + Identifiers.printable(argv.get(refusal.index())) + "' " + refusal.problem()
                    + ": commands run without a shell, so name the program itself (no shell, no launcher in front of"
                    + " one); " + example);
        }
    }

    /** True when {@code program} (a name or a path) is a shell or a launcher, as a single program setting must not be. */
    public static boolean isShellOrLauncher(String program) {
        String base = base(program);
        return isShell(base) || launcher(base) != null || interpreter(base) != null;
    }

    /** The lower-case file name of a program path, without {@code .exe}. */
    static String base(String element) {
        String name = element.substring(Math.max(element.lastIndexOf('/'), element.lastIndexOf('\\')) + 1)
                .strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    private static boolean isShell(String base) {
        return SHELLS.contains(base) || SHELLS.contains(unversioned(base));
    }

    private static String launcher(String base) {
        return LAUNCHERS.contains(base) ? base : LAUNCHERS.contains(unversioned(base)) ? unversioned(base) : null;
    }

    private static String interpreter(String base) {
        String name = unversioned(base);
        return INLINE_CODE.containsKey(base) ? base : INLINE_CODE.containsKey(name) ? name : null;
    }

    private static String unversioned(String base) {
        Matcher m = VERSIONED.matcher(base);
        return m.matches() ? m.group(1) : base;
    }
}
