package io.backchannel.demo;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Two storm sessions of the demo company: a past one with its results, and one open now. Between them, every badge
 * is earned by someone: Nora comments on ideas that are then implemented (helpful commenter), Lee's ideas collect
 * the most votes of the month (top contributor), and several customers see their idea implemented.
 */
@Component
class DemoStorms {

    private final IdeasManagement ideas;

    DemoStorms(IdeasManagement ideas) {
        this.ideas = ideas;
    }

    void load(Map<String, UUID> people, UUID products, UUID service) {
        UUID pia = people.get("pia");
        Instant now = Instant.now();
        String packing = ideas.createStorm(
                "Packing lighter",
                "Every gram counts on a long trip. **What would make your pack lighter?**",
                products,
                now.minus(Duration.ofDays(45)),
                now.plus(Duration.ofHours(1)),
                pia);
        long pegs = ideas.submitToStorm(
                packing,
                people.get("lee"),
                products,
                "Titanium tent pegs in the basic set",
                "Steel pegs weigh more than the inner tent. Offer titanium pegs as an option.");
        long pillow = ideas.submitToStorm(
                packing,
                people.get("maria"),
                products,
                "Compression sacks that double as pillows",
                "A soft side on the sleeping bag's sack, and I can leave the pillow at home.");
        long weights = ideas.submitToStorm(
                packing,
                people.get("kim"),
                products,
                "Gewicht jedes Teils im Shop angeben",
                "Beim Zelt steht nur das Gesamtgewicht. Ich möchte sehen, was Gestänge, Heringe und Packsack wiegen.");
        long rainCover = ideas.submitToStorm(
                packing,
                people.get("nora"),
                products,
                "Rain cover made of tent fabric",
                "The backpack rain cover could be cut from the same fabric as the tent fly.");
        for (String voter : new String[] {"kim", "maria", "nora"}) {
            ideas.vote(pegs, people.get(voter), 1);
        }
        ideas.vote(pillow, people.get("lee"), 1);
        ideas.vote(weights, people.get("nora"), 1);
        ideas.vote(rainCover, people.get("lee"), -1);
        ideas.comment(pegs, people.get("nora"), "Yes! And a stuff sack for them that weighs nothing.", false);
        ideas.comment(pillow, people.get("nora"), "Fleece on one side would be enough.", false);
        ideas.comment(weights, people.get("nora"), "Gerne auch für Rucksäcke.", false);
        ideas.changeStatus(pegs, IdeaStatus.IMPLEMENTED, "Titanium pegs are now an option for every tent.", pia);
        ideas.changeStatus(
                pillow, IdeaStatus.PARTIALLY_IMPLEMENTED, "Our down sleeping bags now come with such a sack.", pia);
        ideas.changeStatus(weights, IdeaStatus.IMPLEMENTED, "Jedes Zelt listet jetzt das Gewicht seiner Teile.", pia);
        ideas.changeStatus(
                rainCover,
                IdeaStatus.NOT_PLANNED,
                "Tent fabric is heavier than the cover's and would not save weight.",
                pia);
        ideas.rescheduleStorm(packing, now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(15)));

        String winter = ideas.createStorm(
                "Winter camping",
                "Snow, frost, long nights: tell us what you miss when you camp in winter.",
                null,
                now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(12)),
                pia);
        long snowPegs = ideas.submitToStorm(
                winter,
                people.get("kim"),
                service,
                "Schneeheringe leihen statt kaufen",
                "Ich brauche sie einmal im Jahr. Ein Verleih im Laden wäre ideal.");
        long insoles = ideas.submitToStorm(
                winter,
                people.get("lee"),
                products,
                "Warm insoles for the winter boots",
                "Insoles with a wool layer, sold with the boots.");
        ideas.vote(snowPegs, people.get("maria"), 1);
        ideas.vote(insoles, people.get("maria"), 1);
        ideas.vote(insoles, people.get("nora"), 1);
    }
}
