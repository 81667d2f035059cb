package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Parses Jenkinsfile.example and every {@code groovy} snippet of README.md and docs/ with Groovy 2.4.21, the
 * Groovy Jenkins runs Pipeline scripts with, and checks on the syntax tree that every named argument of a
 * {@code dataos*} step, an {@code approval(…)} or a {@code secret(…)} binds to a {@code @DataBoundConstructor}
 * parameter or a {@code @DataBoundSetter}, as Pipeline's DescribableModel binds them.
 */
class JenkinsfileParseTest {

    static final Path ROOT = Path.of("..");

    @Test
    void exampleJenkinsfileParsesAndEveryArgumentBinds() throws IOException {
        Path file = ROOT.resolve("Jenkinsfile.example");
        PipelineScript script = PipelineScript.parse(Files.readString(file), "Jenkinsfile.example", 0);

        assertThat(script.problems).as("problems in Jenkinsfile.example").isEmpty();
        assertThat(script.calledFunctions()).as("functions the example calls").containsAll(List.of("dataosPlan",
                "dataosUpgrade", "dataosVerify", "dataosRollback", "dataosReport", "approval", "secret"));
        assertThat(script.arguments("dataosUpgrade")).as("arguments of dataosUpgrade in the example")
                .contains("approvals", "secrets", "autoRollback", "credentialsId");
    }

    @Test
    void everyGroovySnippetInTheDocsParsesAndEveryArgumentBinds() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> problems = new ArrayList<>();
        Set<String> called = new TreeSet<>();
        int snippets = 0;
        for (Path file : files) {
            String name = ROOT.relativize(file).toString();
            for (Snippet snippet : Snippet.groovyIn(Files.readString(file, StandardCharsets.UTF_8))) {
                PipelineScript script = PipelineScript.parse(snippet.code, name, snippet.fenceLine);
                problems.addAll(script.problems);
                called.addAll(script.calledFunctions());
                snippets++;
            }
        }
        assertThat(problems).as("problems in the groovy snippets of README.md and docs/*.md").isEmpty();
        assertThat(snippets).as("groovy snippets found").isGreaterThanOrEqualTo(2);
        assertThat(called).as("functions the snippets call").contains("dataosPlan", "dataosUpgrade", "approval");
    }

    @Test
    void aMisspeltArgumentOrStepFailsNamingFileAndLine() {
        String snippet = String.join("\n",
                "stage('Upgrade') {",
                "    steps {",
                "        script {",
                "            dataosUpgrade release: 'r.yaml', valuesFle: 'v.yaml', credentialsId: 'key',",
                "                    installed: 's.yaml', approvals: [approval(gate: 'g', approvr: 'bob')],",
                "                    secrets: [secret(name: 'grafana-token', credentialId: 'id')]",
                "            dataosVerfy checks: 'checks.yaml'",
                "        }",
                "    }",
                "}");

        PipelineScript script = PipelineScript.parse(snippet, "memory.md", 10);

        assertThat(script.problems).containsExactly(
                "memory.md:14: dataosUpgrade has no argument 'valuesFle'",
                "memory.md:15: approval has no argument 'approvr'",
                "memory.md:16: secret has no argument 'credentialId'",
                "memory.md:17: no DataOS step is called dataosVerfy");
        assertThat(script.problems.get(0)).contains("valuesFle");
    }

    @Test
    void syntaxJenkinsRefusesFailsNamingFileAndLine() {
        // A Java lambda: Groovy 3 and newer accept it, the Groovy Jenkins runs refuses it.
        String snippet = String.join("\n",
                "script {",
                "    def ids = plan.gates.collect(gate -> gate.id)",
                "}");

        PipelineScript script = PipelineScript.parse(snippet, "memory.md", 0);

        assertThat(script.problems).hasSize(1);
        assertThat(script.problems.get(0)).startsWith("memory.md:2:");
    }

    @Test
    void stepClassesKeepTheirParameterNames() {
        for (Class<?> type : PipelineScript.bindable().values()) {
            for (Parameter p : dataBoundConstructor(type).getParameters()) {
                assertThat(p.isNamePresent()).as(type.getSimpleName() + " compiled with -parameters").isTrue();
            }
        }
    }

    static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new AssertionError(type + " has no @DataBoundConstructor");
    }

    /** Argument names a Pipeline script can pass: the constructor's parameters and every setter's property. */
    static Set<String> argumentNames(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter p : dataBoundConstructor(type).getParameters()) {
            names.add(p.getName());
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                String n = m.getName().substring(3);
                names.add(Character.toLowerCase(n.charAt(0)) + n.substring(1));
            }
        }
        return names;
    }

    /** A fenced {@code groovy} block of a Markdown file; {@code fenceLine} is the 1-based line of its fence. */
    record Snippet(String code, int fenceLine) {

        static List<Snippet> groovyIn(String markdown) {
            List<Snippet> found = new ArrayList<>();
            String[] lines = markdown.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].strip().equals("```groovy")) {
                    continue;
                }
                int fence = i + 1;
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                    code.append(lines[i]).append('\n');
                }
                found.add(new Snippet(code.toString(), fence));
            }
            return found;
        }
    }

    /**
     * A Pipeline script or fragment (a stage, a steps block) parsed as script statements, so its line numbers are
     * the file's, shifted by {@code lineOffset}; {@code problems} holds {@code file:line: message} for each syntax
     * error and each argument that does not bind.
     */
    static final class PipelineScript {

        final List<String> problems = new ArrayList<>();
        private final Map<String, Set<String>> argumentsByFunction = new LinkedHashMap<>();

        static PipelineScript parse(String source, String file, int lineOffset) {
            PipelineScript script = new PipelineScript();
            CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
            SourceUnit sourceUnit = unit.addSource(file, source);
            try {
                unit.compile(Phases.CONVERSION);
            } catch (MultipleCompilationErrorsException e) {
                for (Object error : e.getErrorCollector().getErrors()) {
                    script.problems.add(syntaxProblem((Message) error, file, lineOffset));
                }
                return script;
            } catch (CompilationFailedException e) {
                script.problems.add(file + ": " + e.getMessage());
                return script;
            }
            script.check(sourceUnit.getAST(), file, lineOffset);
            return script;
        }

        /** Function name to the class whose arguments it binds: the five steps, approval and secret. */
        static Map<String, Class<?>> bindable() {
            Map<String, Class<?>> classes = new LinkedHashMap<>();
            for (Class<? extends Step> step : StepBindingTest.STEPS) {
                classes.put(StepBindingTest.descriptor(step).getFunctionName(), step);
            }
            for (Class<?> describable : List.of(Approval.class, SecretCredential.class)) {
                try {
                    Symbol symbol = Class.forName(describable.getName() + "$DescriptorImpl").getAnnotation(Symbol.class);
                    assertThat(symbol).as(describable.getSimpleName() + ".DescriptorImpl @Symbol").isNotNull();
                    for (String name : symbol.value()) {
                        classes.put(name, describable);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(describable + " has no nested DescriptorImpl", e);
                }
            }
            return classes;
        }

        Set<String> calledFunctions() {
            return argumentsByFunction.keySet();
        }

        Set<String> arguments(String function) {
            return argumentsByFunction.getOrDefault(function, Set.of());
        }

        private static String syntaxProblem(Message error, String file, int lineOffset) {
            if (error instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                return file + ":" + (cause.getLine() + lineOffset) + ":" + cause.getStartColumn() + ": "
                        + cause.getOriginalMessage();
            }
            if (error instanceof ExceptionMessage exception) {
                return file + ": " + exception.getCause();
            }
            return file + ": " + error;
        }

        private void check(ModuleNode module, String file, int lineOffset) {
            Map<String, Class<?>> classes = bindable();
            Set<MethodCallExpression> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            CodeVisitorSupport visitor = new CodeVisitorSupport() {
                @Override
                public void visitMethodCallExpression(MethodCallExpression call) {
                    if (seen.add(call)) {
                        checkCall(call, classes, file, lineOffset);
                    }
                    super.visitMethodCallExpression(call);
                }
            };
            module.getStatementBlock().visit(visitor);
            for (MethodNode method : module.getMethods()) {
                method.getCode().visit(visitor);
            }
            for (ClassNode type : module.getClasses()) {
                for (MethodNode method : type.getMethods()) {
                    if (method.getCode() != null) {
                        method.getCode().visit(visitor);
                    }
                }
            }
        }

        private void checkCall(MethodCallExpression call, Map<String, Class<?>> classes, String file, int lineOffset) {
            String function = call.getMethodAsString();
            if (function == null || !call.isImplicitThis()) {
                return;
            }
            Class<?> type = classes.get(function);
            if (type == null) {
                if (function.matches("dataos[A-Z]\\w*")) {
                    problems.add(at(call, file, lineOffset) + "no DataOS step is called " + function);
                }
                return;
            }
            Set<String> used = argumentsByFunction.computeIfAbsent(function, f -> new LinkedHashSet<>());
            Set<String> known = argumentNames(type);
            List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple
                    ? tuple.getExpressions() : List.of(call.getArguments());
            for (Expression argument : arguments) {
                if (!(argument instanceof MapExpression named)) {
                    // one unnamed argument binds to a constructor with one parameter, as DescribableModel does
                    if (arguments.size() != 1 || dataBoundConstructor(type).getParameterCount() != 1) {
                        problems.add(at(argument, file, lineOffset) + function
                                + " takes named arguments only (name: value)");
                    }
                    continue;
                }
                for (MapEntryExpression entry : named.getMapEntryExpressions()) {
                    if (!(entry.getKeyExpression() instanceof ConstantExpression key)) {
                        problems.add(at(entry, file, lineOffset) + function + " has an argument name that is not"
                                + " a constant: " + entry.getKeyExpression().getText());
                        continue;
                    }
                    String name = String.valueOf(key.getValue());
                    used.add(name);
                    if (!known.contains(name)) {
                        problems.add(at(entry, file, lineOffset) + function + " has no argument '" + name + "'");
                    }
                }
            }
        }

        private static String at(ASTNode node, String file, int lineOffset) {
            return file + ":" + (node.getLineNumber() + lineOffset) + ": ";
        }
    }
}
