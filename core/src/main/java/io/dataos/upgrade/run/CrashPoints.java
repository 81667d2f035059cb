package io.dataos.upgrade.run;

/**
 * Named points inside multi-step handlers where the kill-point suites stop the engine as SIGKILL
 * would: when the system property {@value #PROPERTY} names a point (or names it followed by
 * {@code @} and the count of the visit to stop at), the JVM halts there, running no {@code finally}
 * and no shutdown hook. Without the property, reaching a point does nothing.
 */
public final class CrashPoints {

    /** The system property naming the point to stop at, e.g. {@code helm-upgrade.overlay-written}. */
    public static final String PROPERTY = "dataos.upgrade.crashAt";
    /** The exit status of a halt at a crash point, the status of a process killed by SIGKILL. */
    public static final int STATUS = 137;

    private static final java.util.concurrent.atomic.AtomicInteger VISITS = new java.util.concurrent.atomic.AtomicInteger();

    private CrashPoints() {
    }

    /** Halts the JVM when {@code point} is the one the property names (at its n-th visit when it says {@code @n}). */
    public static void reach(String point) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null) {
            return;
        }
        int at = wanted.indexOf('@');
        String name = at < 0 ? wanted : wanted.substring(0, at);
        if (!name.equals(point)) {
            return;
        }
        if (at >= 0 && VISITS.incrementAndGet() != Integer.parseInt(wanted.substring(at + 1))) {
            return;
        }
        System.err.println("crash point " + point + ": halting as SIGKILL would");
        System.err.flush();
        Runtime.getRuntime().halt(STATUS);
    }
}
