package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    private static final String STATEFUL_SET = """
            {'metadata':{'name':'m','labels':{'a':'1','b':'2'}},
             'spec':{'replicas':1,'template':{'spec':{'containers':[
               {'name':'manager','image':'repo/m:1.4.0','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
                'ports':[{'name':'http','containerPort':8080}]},
               {'name':'sidecar','image':'repo/s:1.0'}]}}},
             'status':{'readyReplicas':1}}""";

    @Test
    void containerImageChangeMergesByContainerNameAndKeepsTheRest() throws Exception {
        ObjectNode patch = json("""
                {'spec':{'template':{'spec':{
                  '$setElementOrder/containers':[{'name':'manager'},{'name':'sidecar'}],
                  'containers':[{'name':'manager','image':'repo/m:1.5.0'}]}}}}""");

        ObjectNode merged = StrategicMergePatch.apply(json(STATEFUL_SET), patch);

        var containers = merged.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(2);
        assertThat(containers.get(0).path("image").asText()).isEqualTo("repo/m:1.5.0");
        assertThat(containers.get(0).path("env")).hasSize(2);
        assertThat(containers.get(0).path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(containers.get(1).path("image").asText()).isEqualTo("repo/s:1.0");
        assertThat(merged.path("status").path("readyReplicas").asInt()).isEqualTo(1);
    }

    @Test
    void nullDeletesKeysAndScalarsReplace() throws Exception {
        ObjectNode merged = StrategicMergePatch.apply(json(STATEFUL_SET),
                json("{'metadata':{'labels':{'a':null,'c':'3'}},'spec':{'replicas':3}}"));

        assertThat(merged.path("metadata").path("labels").toString()).isEqualTo("{\"b\":\"2\",\"c\":\"3\"}");
        assertThat(merged.path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void elementDeleteDirectiveRemovesOnlyThatElement() throws Exception {
        ObjectNode patch = json("""
                {'spec':{'template':{'spec':{'containers':[
                  {'name':'manager','env':[{'name':'A','$patch':'delete'},{'name':'C','value':'3'}]},
                  {'name':'sidecar','$patch':'delete'}]}}}}""");

        ObjectNode merged = StrategicMergePatch.apply(json(STATEFUL_SET), patch);

        var containers = merged.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).path("env").toString())
                .isEqualTo("[{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"C\",\"value\":\"3\"}]");
    }

    @Test
    void setElementOrderReordersMergedList() throws Exception {
        ObjectNode patch = json("""
                {'spec':{'template':{'spec':{
                  '$setElementOrder/containers':[{'name':'sidecar'},{'name':'manager'}]}}}}""");

        ObjectNode merged = StrategicMergePatch.apply(json(STATEFUL_SET), patch);

        var containers = merged.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.get(0).path("name").asText()).isEqualTo("sidecar");
        assertThat(containers.get(1).path("name").asText()).isEqualTo("manager");
    }

    @Test
    void listsWithoutMergeKeyAreReplaced() throws Exception {
        ObjectNode live = json("{'spec':{'args':['a','b'],'tolerations':[{'key':'x'}]}}");

        ObjectNode merged = StrategicMergePatch.apply(live, json("{'spec':{'args':['c'],'tolerations':[{'key':'y'}]}}"));

        assertThat(merged.path("spec").toString()).isEqualTo("{\"args\":[\"c\"],\"tolerations\":[{\"key\":\"y\"}]}");
    }

    @Test
    void servicePortsMergeByPortAndFinalizersUnion() throws Exception {
        ObjectNode live = json("""
                {'metadata':{'finalizers':['a']},
                 'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'m','port':9090}]}}""");

        ObjectNode merged = StrategicMergePatch.apply(live,
                json("{'metadata':{'finalizers':['b']},'spec':{'ports':[{'port':80,'targetPort':8081}]}}"));

        assertThat(merged.path("metadata").path("finalizers").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(merged.path("spec").path("ports")).hasSize(2);
        assertThat(merged.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(8081);
    }

    @Test
    void mapReplaceAndRetainKeysDirectives() throws Exception {
        ObjectNode live = json("{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}},'sel':{'a':'1'}}}");

        ObjectNode merged = StrategicMergePatch.apply(live, json("""
                {'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'},
                         'sel':{'$patch':'replace','b':'2'}}}"""));

        assertThat(merged.path("spec").path("strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
        assertThat(merged.path("spec").path("sel").toString()).isEqualTo("{\"b\":\"2\"}");
    }

    @Test
    void patchArgumentsAreNotModified() throws Exception {
        ObjectNode live = json(STATEFUL_SET);
        ObjectNode patch = json("{'spec':{'replicas':2}}");

        StrategicMergePatch.apply(live, patch);

        assertThat(live).isEqualTo(json(STATEFUL_SET));
        assertThat(patch).isEqualTo(json("{'spec':{'replicas':2}}"));
    }
}
