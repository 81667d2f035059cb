// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/org/jenkins/ui/icon/IconSpec.java (Jenkins 2.479.3). Declared because CredentialsDescriptor
// and CredentialsProvider implement it; getIconClassName() is omitted.
package org.jenkins.ui.icon;

/** An object that names its icon. */
public interface IconSpec {
}
