package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.system.PageVersions;
import jakarta.servlet.FilterChain;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** Pages kept while their version holds: beyond the micro-cache's moment, gzipped, within a byte budget. */
class KeptPagesTests {

    private final AtomicInteger renderings = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicReference<@Nullable Object> ideaVersion = new AtomicReference<>(1L);
    private final AtomicReference<@Nullable Object> bannerVersion = new AtomicReference<>("no incident");
    private final AtomicInteger writesHeard = new AtomicInteger();

    private final PageVersions ideas = new PageVersions() {
        @Override
        public @Nullable Object version(String path) {
            return path.startsWith("/ideas/") ? ideaVersion.get() : null;
        }

        @Override
        public void written() {
            writesHeard.incrementAndGet();
        }
    };

    private final PageVersions banner = new PageVersions() {
        @Override
        public @Nullable Object version(String path) {
            return bannerVersion.get();
        }

        @Override
        public boolean onEveryPage() {
            return true;
        }
    };

    private final PublicPageCache cache = new PublicPageCache(
            List.of(() -> List.of("/ideas", "/ideas/{number}")),
            List.of(ideas, banner),
            new AcceptHeaderLocaleResolver(),
            new PublicPageCache.Settings(Duration.ofSeconds(1), Duration.ofMinutes(10), 1 << 20),
            nanos::get);

    @Test
    void aVersionedPageIsKeptLongAfterTheMomentWhileItsVersionHolds() throws Exception {
        assertThat(get("/ideas/1")).isEqualTo("rendering 1");
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(get("/ideas/1")).isEqualTo("rendering 1");

        ideaVersion.set(2L);
        assertThat(get("/ideas/1")).isEqualTo("rendering 2");
        assertThat(get("/ideas/1")).isEqualTo("rendering 2");
    }

    @Test
    void theBannerOnEveryPageIsPartOfTheVersion() throws Exception {
        assertThat(get("/ideas/1")).isEqualTo("rendering 1");
        bannerVersion.set("an outage");
        assertThat(get("/ideas/1")).isEqualTo("rendering 2");
    }

    @Test
    void aPageIsNotKeptWhenWhatEveryPageShowsCannotTellItsVersion() throws Exception {
        bannerVersion.set(null);
        get("/ideas/1");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(get("/ideas/1")).isEqualTo("rendering 2");
    }

    @Test
    void pagesWithoutAVersionOfTheirOwnGetOnlyTheMoment() throws Exception {
        assertThat(get("/ideas")).isEqualTo("rendering 1");
        assertThat(get("/ideas")).isEqualTo("rendering 1");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(get("/ideas")).isEqualTo("rendering 2");
    }

    @Test
    void aKeptPageExpiresAfterItsTimeToLive() throws Exception {
        get("/ideas/1");
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(get("/ideas/1")).isEqualTo("rendering 2");
    }

    @Test
    void aWriteOnThisNodeIsToldToTheVersionsAndKeepsPagesWhoseVersionHolds() throws Exception {
        get("/ideas/1");
        cache.doFilter(
                new MockHttpServletRequest("POST", "/ideas/1/vote"), new MockHttpServletResponse(), (q, r) -> {});
        assertThat(writesHeard).hasValue(1);
        assertThat(get("/ideas/1")).isEqualTo("rendering 1");
    }

    @Test
    void browsersGetTheGzippedBytesAndOthersThePlainPage() throws Exception {
        get("/ideas/1");
        var request = new MockHttpServletRequest("GET", "/ideas/1");
        request.addHeader("Accept-Encoding", "br, gzip;q=0.8");
        var response = new MockHttpServletResponse();
        cache.doFilter(request, response, render());
        assertThat(response.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.getHeader("Vary")).isEqualTo("Accept-Encoding");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rendering 1");
        }

        var refusing = new MockHttpServletRequest("GET", "/ideas/1");
        refusing.addHeader("Accept-Encoding", "gzip;q=0");
        var plain = new MockHttpServletResponse();
        cache.doFilter(refusing, plain, render());
        assertThat(plain.getHeader("Content-Encoding")).isNull();
        assertThat(plain.getContentAsString()).isEqualTo("rendering 1");
        assertThat(plain.getContentLength()).isEqualTo("rendering 1".length());
    }

    @Test
    void theBudgetBoundsTheKeptBytes() {
        var pages = new KeptPages<Integer>(20_000);
        byte[] body = "<p>an idea page</p>".repeat(200).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1_000; i++) {
            pages.put(i, 1L, 0, body, java.util.Map.of());
        }
        assertThat(pages.bytes()).isLessThanOrEqualTo(20_000);
        assertThat(pages.size()).isBetween(1, 999);
    }

    private FilterChain render() {
        return (request, response) -> {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("rendering " + renderings.incrementAndGet());
        };
    }

    private String get(String path) throws Exception {
        var response = new MockHttpServletResponse();
        cache.doFilter(new MockHttpServletRequest("GET", path), response, render());
        return response.getContentAsString();
    }
}
