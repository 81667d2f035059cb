package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Checks, by reflection as Pipeline's DescribableModel binds them, that every step property has a public getter, a
 * help file and (unless it is a list) a field in config.jelly. {@link JenkinsfileParseTest} checks that the
 * arguments the example Jenkinsfile and the docs pass bind to these properties.
 */
class StepBindingTest {

    static final List<Class<? extends Step>> STEPS = List.of(DataosPlanStep.class, DataosUpgradeStep.class,
            DataosVerifyStep.class, DataosRollbackStep.class, DataosReportStep.class);

    @Test
    void everyPropertyHasAPublicGetterHelpAndAFormField() throws Exception {
        for (Class<? extends Step> step : STEPS) {
            StepDescriptor d = descriptor(step);
            assertThat(d.getHelpFile()).as(step.getSimpleName() + " help.html").isNotNull();
            assertThat(d.getConfigPage()).as(step.getSimpleName() + " config.jelly").endsWith("config.jelly");
            String jelly = new String(step.getResourceAsStream(step.getSimpleName() + "/config.jelly").readAllBytes());
            for (Map.Entry<String, Class<?>> p : properties(step).entrySet()) {
                String name = p.getKey();
                assertThat(getter(step, name)).as(step.getSimpleName() + "." + name + " getter").isNotNull();
                assertThat(d.getHelpFile(name)).as(step.getSimpleName() + " help-" + name + ".html").isNotNull();
                if (!List.class.isAssignableFrom(p.getValue())) {
                    assertThat(jelly).as(step.getSimpleName() + " config.jelly field " + name)
                            .contains("field=\"" + name + "\"");
                }
            }
        }
    }

    @Test
    void descriptorsNameDistinctPipelineFunctionsAndRequireTheirContext() {
        Set<String> names = new LinkedHashSet<>();
        for (Class<? extends Step> step : STEPS) {
            StepDescriptor d = descriptor(step);
            assertThat(d.getFunctionName()).matches("[a-z][A-Za-z0-9_]*");
            assertThat(names.add(d.getFunctionName())).as("unique " + d.getFunctionName()).isTrue();
            assertThat(d.clazz).isEqualTo(step);
            assertThat(new java.util.HashSet<Object>(d.getRequiredContext())).contains(hudson.model.TaskListener.class, hudson.FilePath.class);
            assertThat(d.getDisplayName()).startsWith("DataOS: ");
        }
    }

    @Test
    void settersRoundTripThroughTheirGetters() throws Exception {
        for (Class<? extends Step> step : STEPS) {
            Step instance = newInstance(step);
            for (Method setter : step.getMethods()) {
                if (!setter.isAnnotationPresent(DataBoundSetter.class)) {
                    continue;
                }
                Class<?> type = setter.getParameterTypes()[0];
                Object value = type == boolean.class ? Boolean.TRUE : type == int.class ? 7
                        : type == List.class ? List.of("gate-a", "gate-b") : "some/value";
                setter.invoke(instance, value);
                Method getter = getter(step, property(setter));
                Object back = getter.invoke(instance);
                if (type == boolean.class && back.equals(Boolean.TRUE)) {
                    setter.invoke(instance, Boolean.FALSE);
                    back = !(Boolean) getter.invoke(instance);
                }
                assertThat(back).as(step.getSimpleName() + "." + setter.getName()).isEqualTo(value);
            }
        }
    }

    static StepDescriptor descriptor(Class<? extends Step> step) {
        try {
            return (StepDescriptor) Class.forName(step.getName() + "$DescriptorImpl").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(step + " has no public nested DescriptorImpl", e);
        }
    }

    /** Property name to type, constructor parameters first, as DescribableModel orders them. */
    static Map<String, Class<?>> properties(Class<? extends Step> step) {
        Map<String, Class<?>> props = new LinkedHashMap<>();
        Constructor<?> ctor = dataBoundConstructor(step);
        for (Parameter p : ctor.getParameters()) {
            assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
            props.put(p.getName(), p.getType());
        }
        List<Method> setters = new ArrayList<>();
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                setters.add(m);
            }
        }
        setters.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (Method m : setters) {
            props.put(property(m), m.getParameterTypes()[0]);
        }
        return props;
    }

    static Constructor<?> dataBoundConstructor(Class<?> step) {
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new AssertionError(step + " has no @DataBoundConstructor");
    }

    static Step newInstance(Class<? extends Step> step) throws ReflectiveOperationException {
        Constructor<?> c = dataBoundConstructor(step);
        Object[] args = new Object[c.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = "x";
        }
        return (Step) c.newInstance(args);
    }

    static String property(Method setter) {
        String n = setter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    static Method getter(Class<?> step, String property) {
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : List.of("get" + cap, "is" + cap)) {
            try {
                return step.getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }
}
