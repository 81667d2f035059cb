package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.text.TextDocument;
import java.util.Objects;

/** One message to one audience: its subject and body, rendered as Markdown and as plain text. */
public record Notice(NoticeKind kind, Audience audience, String subject, String markdown, String text) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(text, "text");
    }

    static Notice of(NoticeKind kind, Audience audience, TextDocument document) {
        return new Notice(kind, audience, document.title(), document.toMarkdown(), document.toPlainText());
    }
}
