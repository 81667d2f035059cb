// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java (credentials 1419.v2337d1ceceef).
// Declared because the real lookup and list-box signatures take lists of them; the stand-in store has only the
// global domain, which every requirement list matches.
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Something a credential's domain must satisfy (a host, a scheme, a path). */
public class DomainRequirement implements ExtensionPoint, Serializable {
    private static final long serialVersionUID = 1L;
}
