package io.backchannel.channels.web;

import io.backchannel.channels.internal.WebhookIntake;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the inbound webhook as translated problem documents naming the field at fault. */
@RestControllerAdvice(assignableTypes = WebhookApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChannelApiProblems {

    private final MessageSource messages;

    ChannelApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(WebhookIntake.Refused.class)
    ProblemDetail refused(WebhookIntake.Refused e, Locale locale) {
        var problem = problem(HttpStatus.valueOf(e.status()), e.messageKey(), locale);
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(WebhookApi.TooLarge.class)
    ProblemDetail tooLarge(Locale locale) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "channels.webhook.too-large", locale);
    }

    private ProblemDetail problem(HttpStatus status, String key, Locale locale) {
        var problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, null, locale));
        problem.setTitle(messages.getMessage("channels.webhook.refused", null, locale));
        problem.setProperty("reason", key);
        return problem;
    }
}
