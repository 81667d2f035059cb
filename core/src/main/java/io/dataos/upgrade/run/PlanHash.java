package io.dataos.upgrade.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dataos.upgrade.plan.PlanAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a plan's actions (SHA-256 of their canonical JSON, keys sorted): a run
 * resumes only with the plan it started with. The plan id is not part of it, so a plan generated
 * again with the same actions resumes the same run.
 */
public final class PlanHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PlanHash() {}

    /** {@code sha256:} followed by the hex digest of {@code actions}, in their order. */
    public static String of(List<PlanAction> actions) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(actions);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the plan: " + e.getMessage(), e);
        }
    }
}
