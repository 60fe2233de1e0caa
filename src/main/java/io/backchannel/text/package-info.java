/**
 * Pure functions over text: Markdown to safe HTML, language detection, and the analysis of captured posts
 * ({@link io.backchannel.text.TextAnalysis}: normalisation, language, sentiment, topics, intents).
 */
@NullMarked
package io.backchannel.text;

import org.jspecify.annotations.NullMarked;
