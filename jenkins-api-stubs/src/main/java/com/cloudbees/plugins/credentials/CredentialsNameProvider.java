// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsNameProvider.java (credentials 1419.v2337d1ceceef).
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Makes the display name of a credential (drop-downs, the credentials pages). */
public abstract class CredentialsNameProvider<C extends Credentials> {

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsNameProvider.java,
    // CredentialsNameProvider#name(Credentials): the @NameWith provider of the class, else the highest-priority one
    // of its supertypes, else the descriptor's display name (the simple class name when there is no descriptor)
    @NonNull
    public static String name(@NonNull Credentials credentials) {
        try {
            Result result = name(credentials, credentials.getClass());
            if (result != null) {
                return result.name;
            }
        } catch (Exception e) {
            // upstream logs this at FINE and falls back to the descriptor
        }
        try {
            return credentials.getDescriptor().getDisplayName();
        } catch (AssertionError e) {
            return credentials.getClass().getSimpleName();
        }
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsNameProvider.java,
    // CredentialsNameProvider#name(Credentials, Class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    @CheckForNull
    private static Result name(@NonNull Credentials credentials, @NonNull Class<?> clazz) {
        NameWith nameWith = clazz.getAnnotation(NameWith.class);
        if (nameWith != null) {
            try {
                CredentialsNameProvider nameProvider = nameWith.value().getDeclaredConstructor().newInstance();
                String name = nameProvider.getName(credentials);
                if (!name.isEmpty()) {
                    return new Result(name, nameWith.priority());
                }
            } catch (ClassCastException | InstantiationException | IllegalAccessException
                    | InvocationTargetException | NoSuchMethodException e) {
                // ignored, as upstream
            }
        }
        List<Class<?>> supertypes = new ArrayList<>();
        Class<?> supe = clazz.getSuperclass();
        if (supe != null) {
            supertypes.add(supe);
        }
        supertypes.addAll(Arrays.asList(clazz.getInterfaces()));
        Result result = null;
        for (Class<?> supertype : supertypes) {
            Result candidate = name(credentials, supertype);
            if (candidate != null && (result == null || result.priority < candidate.priority)) {
                result = candidate;
            }
        }
        return result;
    }

    @NonNull
    public abstract String getName(@NonNull C credentials);

    private static final class Result {
        final String name;
        final int priority;

        Result(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }
    }
}
