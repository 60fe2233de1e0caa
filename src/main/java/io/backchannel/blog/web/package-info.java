@NullMarked
package io.backchannel.blog.web;

import org.jspecify.annotations.NullMarked;
