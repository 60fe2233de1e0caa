/** Pure functions over text: Markdown to safe HTML, language detection (later also normalisation and sentiment). */
@NullMarked
package io.backchannel.text;

import org.jspecify.annotations.NullMarked;
