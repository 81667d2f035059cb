package io.dataos.upgrade.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Who hears about an upgrade or a rollback: the runbook's four audiences, each a list of contacts
 * (e-mail addresses, chat channels, team names). Every list may be empty.
 */
public record Stakeholders(List<String> dataProductConsumers, List<String> dataProductDevelopers, List<String> operators,
        List<String> otherTeams) {

    /** No contacts configured. */
    public static final Stakeholders NONE = new Stakeholders(List.of(), List.of(), List.of(), List.of());

    /** The runbook's audiences ("Notify Stakeholders"), with the manifest key of each. */
    public enum Audience {
        DATA_PRODUCT_CONSUMERS("dataProductConsumers", "Data Product Consumer teams"),
        DATA_PRODUCT_DEVELOPERS("dataProductDevelopers", "Data Product Development teams"),
        OPERATORS("operators", "DataOS Operators or Platform Administrators"),
        OTHER_TEAMS("otherTeams", "Any other affected teams (e.g. Operations staff)");

        private final String key;
        private final String title;

        Audience(String key, String title) {
            this.key = key;
            this.title = title;
        }

        public String key() {
            return key;
        }

        public String title() {
            return title;
        }
    }

    public Stakeholders {
        dataProductConsumers = List.copyOf(dataProductConsumers == null ? List.of() : dataProductConsumers);
        dataProductDevelopers = List.copyOf(dataProductDevelopers == null ? List.of() : dataProductDevelopers);
        operators = List.copyOf(operators == null ? List.of() : operators);
        otherTeams = List.copyOf(otherTeams == null ? List.of() : otherTeams);
    }

    public List<String> contacts(Audience audience) {
        return switch (audience) {
            case DATA_PRODUCT_CONSUMERS -> dataProductConsumers;
            case DATA_PRODUCT_DEVELOPERS -> dataProductDevelopers;
            case OPERATORS -> operators;
            case OTHER_TEAMS -> otherTeams;
        };
    }

    /** Every contact once, in audience order. */
    public List<String> everyone() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (Audience audience : Audience.values()) {
            all.addAll(contacts(audience));
        }
        return new ArrayList<>(all);
    }

    public boolean isEmpty() {
        return everyone().isEmpty();
    }
}
