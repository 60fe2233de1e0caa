package io.backchannel.demo;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The demo company's ideas portal: three boards, a few ideas with votes, answers and one implemented idea. */
@Component
class DemoIdeas {

    private final IdeasManagement ideas;
    private final DemoStorms storms;

    DemoIdeas(IdeasManagement ideas, DemoStorms storms) {
        this.ideas = ideas;
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
                        + "günstiger und nachhaltiger.");
        long repairCafe = ideas.submit(
                people.get("lee"),
                service,
                "Repair days in the stores",
                "Once a month, let customers bring broken gear and fix it together with your staff.");
        long sizes = ideas.submit(
                people.get("maria"),
                shop,
                "Save my size for each brand",
                "Sizes differ between brands. Remember which size I bought per brand and pre-select it.");
        ideas.submit(
                people.get("lee"),
                products,
                "Backpack with a removable daypack",
                "- big pack for the trip\n- small pack that zips off for day hikes\n- both rain-proof");

        ideas.vote(spareParts, people.get("lee"), 1);
        ideas.vote(spareParts, people.get("maria"), 1);
        ideas.vote(repairCafe, people.get("kim"), 1);
        ideas.vote(sizes, people.get("kim"), 1);

        ideas.changeStatus(
                spareParts, IdeaStatus.PLANNED, "Wir bauen gerade einen Ersatzteil-Shop auf.", people.get("pia"));
        ideas.changeStatus(
                spareParts,
                IdeaStatus.IMPLEMENTED,
                "Segmente gibt es jetzt einzeln im Shop, ab 4,90 €. Danke für die Idee!",
                people.get("pia"));
        ideas.changeStatus(repairCafe, IdeaStatus.UNDER_REVIEW, "", people.get("sam"));
        storms.load(people, products, service);
    }
}
