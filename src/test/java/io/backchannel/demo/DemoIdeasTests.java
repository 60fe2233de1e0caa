package io.backchannel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The demo portal shows what it is meant to show: a past storm session with results, an open one, and badges. */
@IntegrationTest
class DemoIdeasTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    DemoIdeas demo;

    @Test
    void demoHasAPastAndAnOpenStormSessionAndCustomersWithBadges() throws Exception {
        Map<String, UUID> people = new HashMap<>();
        for (String login : List.of("kim", "lee", "maria", "nora", "pia", "sam")) {
            Role role = login.equals("pia") || login.equals("sam") ? Role.STAFF : Role.CUSTOMER;
            people.put(
                    login,
                    identity.createAccount(
                            login + "-" + UUID.randomUUID() + "@example.org",
                            login,
                            "demo password",
                            Set.of(role),
                            "en"));
        }
        demo.load(people);

        var past = page("/ideas/storms/packing-lighter");
        assertThat(past.select("dl.facts dd").eachText()).containsExactly("4", "4", "10");
        assertThat(past.text()).contains("Implemented", "Partially implemented", "Not planned");
        var open = page("/ideas/storms/winter-camping");
        assertThat(open.select("dl.facts")).isEmpty();
        assertThat(open.select(".ideas h3").eachText())
                .containsExactly("Warm insoles for the winter boots", "Schneeheringe leihen statt kaufen");
        assertThat(page("/ideas").select(".storm-banner a").eachText()).contains("Winter camping");

        assertThat(badges(people.get("nora"))).containsExactly("First idea", "Helpful commenter");
        assertThat(badges(people.get("kim"))).startsWith("First idea", "Idea implemented");
        assertThat(badges(people.get("maria"))).startsWith("First idea", "Idea implemented");
        assertThat(badges(people.get("lee"))).startsWith("First idea", "Idea implemented");
    }

    private List<String> badges(UUID person) throws Exception {
        return page("/ideas/people/" + person).select(".badge-card h3").eachText();
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }
}
