/** Pure functions over text: Markdown to safe HTML (later also normalisation, language and sentiment). */
@NullMarked
package io.backchannel.text;

import org.jspecify.annotations.NullMarked;
