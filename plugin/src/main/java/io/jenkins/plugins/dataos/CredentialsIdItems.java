package io.jenkins.plugins.dataos;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down and check shared by the steps' descriptors. Only someone who may configure the job
 * (or use its credentials) sees the list; everyone else gets back just the value already there, so the
 * drop-down leaks no credential ids. The list holds what the job's own authentication can use, as the build will.
 */
final class CredentialsIdItems {

    private CredentialsIdItems() {
    }

    static boolean mayList(Item item) {
        // Outside a job (the global Pipeline Syntax page) nothing is listed: steps are configured per job.
        return item != null && (item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM));
    }

    static ListBoxModel fill(Item item, String current) {
        String value = current == null ? "" : current;
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayList(item)) {
            model.includeCurrentValue(value);
            return model;
        }
        // what the build will be able to use: the job's own authentication (Authorize Project and the like may make
        // it a user's), not the system's
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        model.includeEmptyValue().includeMatchingAs(as, item, StringCredentials.class, List.of(),
                credentials -> true).includeCurrentValue(value);
        return model;
    }

    static FormValidation check(Item item, String field, String value, boolean required) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (StepFields.text(value) == null) {
            return required ? FormValidation.error(Messages.format("Field.Required", field,
                    "choose the id of a 'Secret text' credential")) : FormValidation.ok();
        }
        if (value.contains("${")) {
            return FormValidation.warning("'" + value + "' is an expression: it can only be checked when the build runs");
        }
        return FormValidation.ok();
    }
}
