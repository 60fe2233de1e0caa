package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** How the micro-cache renders expired pages again: once, while others get the previous rendering. */
class PublicPageCacheRefreshTests {

    private final AtomicInteger renderings = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final PublicPageCache cache = new PublicPageCache(
            List.of(() -> List.of("/ideas")),
            List.of(),
            new AcceptHeaderLocaleResolver(),
            new PublicPageCache.Settings(Duration.ofSeconds(1), Duration.ofMinutes(10), 1 << 20),
            nanos::get);

    @Test
    void anExpiredPageIsRenderedOnceWhileOthersGetThePreviousRendering() throws Exception {
        assertThat(get(render())).isEqualTo("rendering 1");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        var meanwhile = new StringBuilder();
        FilterChain slow = (request, response) -> {
            meanwhile.append(get(render()));
            render().doFilter(request, response);
        };
        assertThat(get(slow)).isEqualTo("rendering 2");
        assertThat(meanwhile).hasToString("rendering 1");
        assertThat(get(render())).isEqualTo("rendering 2");
        assertThat(renderings).hasValue(2);
    }

    @Test
    void aRenderingBegunBeforeAWriteEndedIsNotKept() throws Exception {
        FilterChain writingMeanwhile = (request, response) -> {
            nanos.incrementAndGet();
            var post = new MockHttpServletRequest("POST", "/ideas/1/vote");
            cache.doFilter(post, new MockHttpServletResponse(), (req, res) -> {});
            render().doFilter(request, response);
        };
        assertThat(get(writingMeanwhile)).isEqualTo("rendering 1");
        assertThat(get(render())).isEqualTo("rendering 2");
        assertThat(get(render())).isEqualTo("rendering 2");
    }

    private FilterChain render() {
        return (request, response) -> {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("rendering " + renderings.incrementAndGet());
        };
    }

    private String get(FilterChain chain) throws ServletException, IOException {
        var response = new MockHttpServletResponse();
        cache.doFilter(new MockHttpServletRequest("GET", "/ideas"), response, chain);
        return response.getContentAsString();
    }
}
