package io.backchannel.system.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

/**
 * The error controller: translated pages for browsers (templates under {@code error/}), and for every other client a
 * translated RFC 9457 problem document with the same shape as the API's own errors. Never a stack trace.
 */
@Controller
class ErrorResponses extends BasicErrorController {

    private final MessageSource messages;

    ErrorResponses(
            ErrorAttributes attributes, WebProperties web, List<ErrorViewResolver> resolvers, MessageSource messages) {
        super(attributes, web.getError(), resolvers);
        this.messages = messages;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        var locale = LocaleContextHolder.getLocale();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", text("error." + status.value() + ".title", "error.generic.title", locale));
        problem.put("status", status.value());
        problem.put("detail", text("error." + status.value() + ".text", "error.generic.text", locale));
        Object path = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null) {
            problem.put("instance", path);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private String text(String key, String fallbackKey, java.util.Locale locale) {
        return messages.getMessage(key, null, messages.getMessage(fallbackKey, null, locale), locale);
    }
}
