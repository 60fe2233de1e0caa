package io.backchannel.demo;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.IdentityManagement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The demo company's ideas portal: three open boards and a pre-moderated one, a few ideas in English, German and
 * Spanish with tags, votes, answers, one implemented idea, one duplicate merged into the idea it repeats, a discussion
 * with a reply and an extension, a reported comment, an idea waiting for approval, and a triage queue with an
 * acknowledged idea, an overdue one assigned to the Product team and an internal note.
 */
@Component
class DemoIdeas {

    private final IdeasManagement ideas;
    private final IdentityManagement identity;
    private final DemoStorms storms;

    DemoIdeas(IdeasManagement ideas, IdentityManagement identity, DemoStorms storms) {
        this.ideas = ideas;
        this.identity = identity;
        this.storms = storms;
    }

    /** Fills the portal; {@code people} are the demo accounts by login name. */
    void load(Map<String, UUID> people) {
        UUID products = ideas.createCategory("products", "Products", "Tents, backpacks, clothing", false);
        UUID service = ideas.createCategory("service", "Service & repair", "Returns, repairs, spare parts", false);
        UUID shop = ideas.createCategory("shop", "Online shop", "Ordering, delivery, payment", true);

        long spareParts = ideas.submit(
                people.get("kim"),
                service,
                "Ersatzteile für Zeltstangen einzeln bestellen",
                "Wenn ein Segment bricht, muss ich heute das ganze Gestänge kaufen. Einzelne Segmente wären **viel** "
                        + "günstiger und nachhaltiger.",
                List.of("ersatzteile", "zelt", "nachhaltigkeit"));
        long repairCafe = ideas.submit(
                people.get("lee"),
                service,
                "Repair days in the stores",
                "Once a month, let customers bring broken gear and fix it together with your staff.",
                List.of("repair", "stores", "nachhaltigkeit"));
        long sizes = ideas.submit(
                people.get("maria"),
                shop,
                "Save my size for each brand",
                "Sizes differ between brands. Remember which size I bought per brand and pre-select it.",
                List.of("sizes", "shop"));
        long daypack = ideas.submit(
                people.get("lee"),
                products,
                "Backpack with a removable daypack",
                "- big pack for the trip\n- small pack that zips off for day hikes\n- both rain-proof",
                List.of("backpack"));
        long zipOff = ideas.submit(
                people.get("maria"),
                products,
                "Rucksack mit abnehmbarem Tagesrucksack",
                "Für Tagestouren vom Basislager aus wäre ein kleiner Rucksack zum Abzippen ideal.",
                List.of("backpack"));
        ideas.submit(
                people.get("maria"),
                shop,
                "Envío gratuito a partir de 50 euros",
                "Me gustaría pedir más a menudo en la tienda online, pero los gastos de envío son demasiado altos "
                        + "para pedidos pequeños. ¿Podrían ofrecer envío gratuito a partir de 50 euros?",
                List.of("envío", "shop"));
        ideas.submit(
                people.get("maria"),
                products,
                "Tallas pequeñas para chaquetas de lluvia",
                "Las chaquetas de lluvia empiezan en la talla S y a mí me quedan grandes. Por favor, añadan la talla "
                        + "XS también para mujeres.",
                List.of("sizes", "ropa"));
        ideas.submit(
                people.get("kim"),
                products,
                "Schlafsack mit Reißverschluss auf beiden Seiten",
                "Bei meinem Schlafsack ist der Reißverschluss nur links. Für Linkshänder und zum Koppeln zweier "
                        + "Schlafsäcke wäre ein Modell mit Reißverschluss auf beiden Seiten praktisch.",
                List.of("schlafsack", "zelt"));

        ideas.vote(spareParts, people.get("lee"), 1);
        ideas.vote(spareParts, people.get("maria"), 1);
        ideas.vote(repairCafe, people.get("kim"), 1);
        ideas.vote(sizes, people.get("kim"), 1);
        ideas.vote(zipOff, people.get("kim"), 1);
        ideas.vote(zipOff, people.get("lee"), 1);

        ideas.changeStatus(
                spareParts, IdeaStatus.PLANNED, "Wir bauen gerade einen Ersatzteil-Shop auf.", people.get("pia"));
        ideas.changeStatus(
                spareParts,
                IdeaStatus.IMPLEMENTED,
                "Segmente gibt es jetzt einzeln im Shop, ab 4,90 €. Danke für die Idee!",
                people.get("pia"));
        ideas.changeStatus(repairCafe, IdeaStatus.UNDER_REVIEW, "", people.get("sam"));

        // Triage: the size idea is acknowledged and waits for an answer; the daypack idea is overdue and with Product.
        ideas.acknowledge(sizes, people.get("sam"));
        ideas.addNote(
                sizes,
                people.get("sam"),
                "Asked the shop team: the size data per brand exists in the order history. **Needs a privacy check.**");
        ideas.backdate(daypack, Duration.ofDays(10));
        identity.teams().stream()
                .filter(team -> team.name().equals("Product"))
                .findFirst()
                .ifPresent(team -> ideas.assignToTeam(daypack, team.id()));
        ideas.merge(zipOff, daypack, "Same wish, posted twice.", people.get("sam"));
        UUID tools = ideas.comment(
                repairCafe,
                people.get("kim"),
                "Bitte auch Werkzeug zum Ausleihen: Nähset, Kleber für Isomatten, Ersatz-Schnallen.",
                false);
        ideas.reply(
                repairCafe,
                tools,
                people.get("sam"),
                "Good point – we would lend the tools on the day and sell spare buckles at cost.",
                true);
        ideas.extend(tools, people.get("pia"));
        UUID rant = ideas.comment(
                repairCafe, people.get("lee"), "Whoever runs this shop is an idiot. Total waste of time!!!", false);
        ideas.flag(repairCafe, rant, people.get("maria"));

        UUID community =
                ideas.createCategory("community", "Community & events", "Meet-ups, guided tours, courses", false);
        ideas.preModerate(community, true);
        ideas.submit(
                people.get("maria"),
                community,
                "Guided hikes for beginners",
                "A monthly easy hike with a guide from the store, to try out gear before buying it.");
        ideas.setVoteBudget(shop, 5);
        storms.load(people, products, service);
    }
}
