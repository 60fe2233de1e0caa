package io.backchannel.ideas;

import io.backchannel.ideas.internal.IdeaMerges;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import io.backchannel.ideas.internal.Triage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the ideas portal. */
@Service
public class IdeasManagement {

    private final IdeaSetup setup;
    private final IdeaPortal portal;
    private final Triage triage;
    private final IdeaMerges merges;

    IdeasManagement(IdeaSetup setup, IdeaPortal portal, Triage triage, IdeaMerges merges) {
        this.setup = setup;
        this.portal = portal;
        this.triage = triage;
        this.merges = merges;
    }

    public boolean hasCategories() {
        return setup.hasCategories();
    }

    /** Creates a board; {@code upVotesOnly} boards take promotes but no demotes. */
    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return setup.createCategory(slug, name, description, upVotesOnly);
    }

    /** Posts an idea as the author and returns its public number. */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown) {
        return portal.submit(authorId, categoryId, title, markdown);
    }

    public void vote(long number, UUID accountId, int value) {
        portal.vote(number, accountId, value);
    }

    public void changeStatus(long number, IdeaStatus status, String explanation, UUID staffId) {
        portal.changeStatus(number, status, explanation, staffId);
    }

    /** Staff have seen the new idea: it leaves the triage queue. */
    public void acknowledge(long number, UUID staffId) {
        triage.acknowledge(number, staffId);
    }

    public void assignToTeam(long number, UUID teamId) {
        triage.assign(List.of(number), teamId);
    }

    /** An internal note on the idea that only staff see. */
    public void addNote(long number, UUID staffId, String markdown) {
        triage.addNote(number, staffId, markdown);
    }

    /** For demo data: the idea was submitted {@code age} earlier than it was. */
    public void backdate(long number, Duration age) {
        setup.backdate(number, age);
    }

    /** Merges a duplicate into the surviving idea as the staff member; the explanation is written in English. */
    public void merge(long duplicate, long survivor, String note, UUID staffId) {
        merges.merge(duplicate, survivor, note, staffId, java.util.Locale.ENGLISH);
    }
}
