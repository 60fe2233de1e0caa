package io.backchannel.demo;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo company "Nordwind Outdoor" once, into an empty installation: staff in the functional teams of a
 * social business, a few customers and their ideas. All share one configurable password, listed in the README.
 */
@Component
@ConditionalOnProperty(name = "backchannel.demo-data.enabled", havingValue = "true")
class DemoCompany implements ApplicationRunner {

    static final String DOMAIN = "@demo.backchannel.test";

    private static final Logger log = LoggerFactory.getLogger(DemoCompany.class);

    private static final List<String> TEAMS =
            List.of("Support", "Product", "Sales", "HR", "Communications", "Investor Relations");

    private static final List<Person> STAFF = List.of(
            new Person("admin", "Ada Admin", Set.of(Role.ADMIN, Role.STAFF), "en", List.of("Communications")),
            new Person("sam", "Sam Support", Set.of(Role.STAFF), "en", List.of("Support")),
            new Person("susanne", "Susanne Service", Set.of(Role.STAFF), "de", List.of("Support")),
            new Person("pia", "Pia Produkt", Set.of(Role.STAFF), "de", List.of("Product")),
            new Person("sven", "Sven Sales", Set.of(Role.STAFF), "en", List.of("Sales")),
            new Person("hanna", "Hanna HR", Set.of(Role.STAFF), "de", List.of("HR")),
            new Person("clara", "Clara Comms", Set.of(Role.STAFF), "en", List.of("Communications", "Support")),
            new Person("ivan", "Ivan Investor", Set.of(Role.STAFF), "en", List.of("Investor Relations")));

    private static final List<Person> CUSTOMERS = List.of(
            new Person("kim", "Kim Kundin", Set.of(Role.CUSTOMER), "de", List.of()),
            new Person("lee", "Lee Customer", Set.of(Role.CUSTOMER), "en", List.of()),
            new Person("maria", "María Clienta", Set.of(Role.CUSTOMER), "en", List.of()),
            new Person("nora", "Nora Nordlicht", Set.of(Role.CUSTOMER), "de", List.of()));

    private final IdentityManagement identity;
    private final DemoIdeas ideas;
    private final DemoBlog blog;
    private final DemoInbox inbox;
    private final String password;

    DemoCompany(
            IdentityManagement identity,
            DemoIdeas ideas,
            DemoBlog blog,
            DemoInbox inbox,
            @Value("${backchannel.demo-data.password}") String password) {
        this.inbox = inbox;
        this.identity = identity;
        this.ideas = ideas;
        this.blog = blog;
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (identity.hasAccounts()) {
            return;
        }
        Map<String, UUID> teams = new HashMap<>();
        for (String team : TEAMS) {
            teams.put(team, identity.createTeam(team, ""));
        }
        Map<String, UUID> people = new HashMap<>();
        for (Person person : STAFF) {
            UUID id = create(person);
            people.put(person.login(), id);
            person.teams().forEach(team -> identity.addToTeam(teams.get(team), id));
        }
        CUSTOMERS.forEach(person -> people.put(person.login(), create(person)));
        ideas.load(people);
        blog.load(people);
        inbox.load(teams.get("Support"));
        log.info("Demo company loaded: log in as admin{} (see README for all demo logins)", DOMAIN);
    }

    private UUID create(Person person) {
        return identity.createAccount(
                person.login() + DOMAIN, person.name(), password, person.roles(), person.locale());
    }

    record Person(String login, String name, Set<Role> roles, String locale, List<String> teams) {}
}
