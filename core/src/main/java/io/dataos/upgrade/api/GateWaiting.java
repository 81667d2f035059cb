package io.dataos.upgrade.api;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A gate a run stopped at: its action id, who may approve it, and what to do. */
public record GateWaiting(String id, List<String> approvers, String reason) implements Serializable {

    private static final long serialVersionUID = 1L;

    public GateWaiting {
        approvers = List.copyOf(approvers == null ? List.of() : approvers);
        reason = reason == null ? "" : reason;
    }

    /** As a plain map: {@code id}, {@code approvers}, {@code reason}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("approvers", List.copyOf(approvers));
        map.put("reason", reason);
        return map;
    }
}
