// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/console/WithConsoleUrl.java (Jenkins 2.479.3, @Restricted(Beta.class) there).
// Declared because Run implements it; getConsoleUrl() is omitted.
package jenkins.console;

/** An object that has a console output page. */
public interface WithConsoleUrl {
}
