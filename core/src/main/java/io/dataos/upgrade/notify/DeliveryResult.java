package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
/**
 * Whether one notice reached one channel: the audience, the channel ({@code webhook} or
 * {@code email}), the target as it may be shown (masked), and what happened.
 */
public record DeliveryResult(NoticeKind kind, Audience audience, String channel, String target, boolean delivered,
        String detail) {
}
