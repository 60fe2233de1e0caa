package io.backchannel.channels.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** The webhook's own mapping takes exactly the deliveries and hands them to the annotated handler. */
class WebhookHandlerMappingTests {

    private final WebhookHandlerMapping mapping;

    WebhookHandlerMappingTests() throws NoSuchMethodException {
        mapping = new WebhookHandlerMapping(new WebhookApi(null, DataSize.ofKilobytes(256)));
    }

    @Test
    void aDeliveryGoesToTheWebhookHandlerWithItsConnectorAndPattern() throws Exception {
        var request = request("POST", "/api/channels/webhook/0b6c1f9e-2a4d-4c55-9a7e-3f1d2c3b4a5e");
        HandlerExecutionChain chain = handler(request);
        assertThat(chain).isNotNull();
        assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("receive");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
                .isEqualTo(Map.of("connectorId", "0b6c1f9e-2a4d-4c55-9a7e-3f1d2c3b4a5e"));
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/api/channels/webhook/{connectorId}");
    }

    @Test
    void otherMethodsAndPathsAreLeftToTheOtherMappings() throws Exception {
        assertThat(handler(request("GET", "/api/channels/webhook/abc"))).isNull();
        assertThat(handler(request("POST", "/api/channels/webhook/"))).isNull();
        assertThat(handler(request("POST", "/api/channels/webhook/abc/extra"))).isNull();
        assertThat(handler(request("POST", "/api/channels/webhooks/abc"))).isNull();
    }

    private static MockHttpServletRequest request(String method, String path) {
        var request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private @Nullable HandlerExecutionChain handler(MockHttpServletRequest request) throws Exception {
        return mapping.getHandler(request);
    }
}
