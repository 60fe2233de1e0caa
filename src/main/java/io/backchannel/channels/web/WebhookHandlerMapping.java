package io.backchannel.channels.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Finds the webhook's handler before Spring MVC's annotation mapping does. Its path holds a variable, and for such
 * paths that mapping tries every one of the application's mappings in turn, each asking the (six times wrapped)
 * request for its method: at hundreds of deliveries a second that was the largest single part of a delivery's
 * time, more than the handler. This mapping looks at the path once and hands over the same handler method, so
 * argument resolution, exception handling ({@link ChannelApiProblems}) and the API description stay as they are.
 */
@Component
class WebhookHandlerMapping extends AbstractHandlerMapping {

    static final String PATTERN = "/api/channels/webhook/{connectorId}";
    private static final String PREFIX = "/api/channels/webhook/";

    private final HandlerMethod receive;

    WebhookHandlerMapping(WebhookApi api) throws NoSuchMethodException {
        setOrder(Ordered.HIGHEST_PRECEDENCE);
        receive = new HandlerMethod(
                api,
                WebhookApi.class.getDeclaredMethod(
                        "receive", UUID.class, String.class, String.class, HttpServletRequest.class));
    }

    @Override
    protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = initLookupPath(request);
        if (!path.startsWith(PREFIX) || path.indexOf('/', PREFIX.length()) >= 0 || path.length() == PREFIX.length()) {
            return null;
        }
        request.setAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
        request.setAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                Map.of("connectorId", path.substring(PREFIX.length())));
        return receive;
    }
}
