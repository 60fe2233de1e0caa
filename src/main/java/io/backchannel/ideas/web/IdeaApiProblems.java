package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaPortal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the ideas API as translated problem documents; invalid input lists each field with its message in
 * {@code errors}, the same messages the pages show next to the fields. Runs before the general API errors.
 */
@RestControllerAdvice(assignableTypes = IdeaWritesApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdeaApiProblems {

    private final MessageSource messages;

    IdeaApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e, Locale locale) {
        return invalid(
                e.getFieldErrors().stream()
                        .map(error -> new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())))
                        .toList(),
                locale);
    }

    @ExceptionHandler(InvalidField.class)
    ProblemDetail invalid(InvalidField e, Locale locale) {
        return invalid(List.of(new FieldProblem(e.field, messages.getMessage(e.messageKey, null, locale))), locale);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(Locale locale) {
        return problem(HttpStatus.BAD_REQUEST, "ideas.api.invalid.title", "ideas.api.unreadable", locale);
    }

    @ExceptionHandler(IdeaPortal.VoteRefused.class)
    ProblemDetail voteRefused(IdeaPortal.VoteRefused e, Locale locale) {
        var problem = problem(
                HttpStatus.CONFLICT, "ideas.api.vote-refused.title", VoteRefusals.messageKey(e.reason()), locale);
        problem.setProperty("reason", e.reason().name());
        return problem;
    }

    @ExceptionHandler(RateLimited.class)
    ProblemDetail rateLimited(Locale locale) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "ideas.api.rate-limited.title", "rate-limit.exceeded", locale);
    }

    private ProblemDetail invalid(List<FieldProblem> errors, Locale locale) {
        var problem = problem(HttpStatus.BAD_REQUEST, "ideas.api.invalid.title", "ideas.api.invalid", locale);
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(error -> Map.of("field", error.field(), "message", error.message()))
                        .toList());
        return problem;
    }

    private ProblemDetail problem(HttpStatus status, String titleKey, String detailKey, Locale locale) {
        var problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(detailKey, null, locale));
        problem.setTitle(messages.getMessage(titleKey, null, locale));
        return problem;
    }

    private record FieldProblem(String field, String message) {}

    /** A field the annotations cannot judge alone, such as an unknown board. */
    static class InvalidField extends RuntimeException {

        private final String field;
        private final String messageKey;

        InvalidField(String field, String messageKey) {
            super("Invalid " + field);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    /** More writes from this account or address than the rate limit allows. */
    static class RateLimited extends RuntimeException {
        RateLimited() {
            super("Rate limit exceeded");
        }
    }
}
