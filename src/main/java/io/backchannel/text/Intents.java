package io.backchannel.text;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Intents by rules in English and German: keywords and phrases per intent (matched like topics), question marks and
 * question words, and the sentiment for complaints and praise.
 */
final class Intents {

    private Intents() {}

    private static final Phrases KEYWORDS = new Phrases(Map.of(
            Intent.COMPLAINT.name(),
            Phrases.concat(
                    SentimentScoring.FAULTS,
                    "crash",
                    "bug",
                    "error",
                    "problem",
                    "issue",
                    "refund",
                    "money back",
                    "disappointed",
                    "unacceptable",
                    "defective",
                    "scam",
                    "cancel",
                    "worst",
                    "useless",
                    "complaint",
                    "fehler",
                    "absturz",
                    "reklamation",
                    "erstattung",
                    "enttäuscht",
                    "unverschämt",
                    "kündigen",
                    "mangelhaft",
                    "beschwerde",
                    "ärgerlich",
                    "frechheit"),
            Intent.PRAISE.name(),
            List.of(
                    "thanks",
                    "thank you",
                    "love",
                    "great",
                    "awesome",
                    "amazing",
                    "excellent",
                    "well done",
                    "kudos",
                    "fantastic",
                    "brilliant",
                    "best",
                    "danke",
                    "dankeschön",
                    "super",
                    "toll",
                    "klasse",
                    "großartig",
                    "hervorragend",
                    "spitze",
                    "genial",
                    "gut gemacht",
                    "lob",
                    "begeistert",
                    "perfekt"),
            Intent.IDEA.name(),
            List.of(
                    "idea",
                    "suggestion",
                    "suggest",
                    "feature request",
                    "would be nice",
                    "would be great",
                    "would be cool",
                    "would love",
                    "please add",
                    "could you add",
                    "wish",
                    "proposal",
                    "it'd be nice",
                    "idee",
                    "vorschlag",
                    "anregung",
                    "wäre schön",
                    "wäre toll",
                    "wäre super",
                    "wäre cool",
                    "wäre praktisch",
                    "wäre gut",
                    "wünsche",
                    "wunsch",
                    "bitte einbauen",
                    "könntet ihr",
                    "fände es gut"),
            Intent.JOB_APPLICANT.name(),
            List.of(
                    "hiring",
                    "job",
                    "vacancy",
                    "vacancies",
                    "internship",
                    "apply for",
                    "applied for",
                    "job application",
                    "my resume",
                    "my cv",
                    "career",
                    "careers",
                    "open position",
                    "open role",
                    "recruiter",
                    "work for you",
                    "bewerbung",
                    "bewerben",
                    "beworben",
                    "stellenangebot",
                    "stellenanzeige",
                    "offene stelle",
                    "praktikum",
                    "ausbildungsplatz",
                    "lebenslauf",
                    "karriere",
                    "initiativbewerbung",
                    "bei euch arbeiten",
                    "bei ihnen arbeiten"),
            Intent.INVESTOR.name(),
            List.of(
                    "invest",
                    "investor",
                    "investment",
                    "funding",
                    "funding round",
                    "seed round",
                    "series a",
                    "valuation",
                    "equity",
                    "shares",
                    "stock",
                    "ipo",
                    "pitch deck",
                    "venture capital",
                    "investieren",
                    "investition",
                    "beteiligung",
                    "finanzierung",
                    "finanzierungsrunde",
                    "aktie",
                    "aktien",
                    "börsengang",
                    "anteile",
                    "risikokapital",
                    "kapitalgeber")));

    /** The intents their keywords alone decide. */
    private static final List<Intent> KEYED = List.of(Intent.IDEA, Intent.JOB_APPLICANT, Intent.INVESTOR);

    static Set<Intent> of(
            String[] words, String[] stems, String language, Scan scan, SentimentScoring.Score sentiment) {
        Set<String> found = KEYWORDS.find(words, stems, language);
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        if (scan.questionMarks > 0
                || (words.length > 0 && Cues.of(language).questionStarts().contains(words[0]))) {
            intents.add(Intent.QUESTION);
        }
        boolean complaintWords = found.contains(Intent.COMPLAINT.name());
        if (sentiment.sentiment() == Sentiment.NEGATIVE || (complaintWords && sentiment.score() < DECIDED_PRAISE)) {
            intents.add(Intent.COMPLAINT);
        }
        if (sentiment.sentiment() == Sentiment.POSITIVE
                && (found.contains(Intent.PRAISE.name()) || sentiment.score() >= DECIDED_PRAISE)) {
            intents.add(Intent.PRAISE);
        }
        for (Intent keyed : KEYED) {
            if (found.contains(keyed.name())) {
                intents.add(keyed);
            }
        }
        return intents;
    }

    /** A score this positive is praise without a praise word, and outweighs a complaint word ("no problem, great!"). */
    static final double DECIDED_PRAISE = 0.5;
}
