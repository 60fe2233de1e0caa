package io.backchannel.system.internal;

import io.backchannel.system.NotFoundException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors of the JSON API as translated {@link ProblemDetail}s, never stack traces. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    ApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, Locale locale) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, messages.getMessage("error.404.text", null, locale));
        problem.setTitle(messages.getMessage("error.404.title", null, locale));
        return problem;
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail forbidden(Locale locale) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, messages.getMessage("api.error.forbidden", null, locale));
        problem.setTitle(messages.getMessage("error.403.title", null, locale));
        return problem;
    }
}
