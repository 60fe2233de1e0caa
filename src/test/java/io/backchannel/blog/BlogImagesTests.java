package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BlogImagesTests extends BlogEditorIntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    MockHttpSession staff;
    UUID staffId;

    @BeforeEach
    void logInStaff() throws Exception {
        String email = TestAccounts.create(identity, "images", Role.STAFF);
        staff = TestAccounts.login(mvc, email);
        staffId = TestAccounts.id(jdbc, email);
    }

    @Test
    void aPngIsReEncodedStoredAndServedForAYearWithItsType() throws Exception {
        var answer = upload("tent.png", "image/png", Images.png(30, 20), "A tent, [green]", 200);
        String url = answer.get("url");
        assertThat(url).matches("/blog/images/[0-9a-f-]{36}");
        assertThat(answer.get("markdown")).isEqualTo("![A tent,  green ](" + url + ")");
        var served = mvc.perform(get(url))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andReturn()
                .getResponse();
        assertThat(served.getHeader("Cache-Control")).contains("max-age=31536000", "public", "immutable");
        var image = ImageIO.read(new ByteArrayInputStream(served.getContentAsByteArray()));
        assertThat(image.getWidth()).isEqualTo(30);
        assertThat(image.getHeight()).isEqualTo(20);
        mvc.perform(get("/blog/images/" + UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void photosStayJpegAndGifsBecomePngWhateverTheyAreCalled() throws Exception {
        String jpeg = upload("photo.gif", "image/gif", Images.encode(8, 8, "jpeg"), "", 200)
                .get("url");
        mvc.perform(get(jpeg)).andExpect(header().string("Content-Type", "image/jpeg"));
        String gif = upload("anim.jpg", "image/jpeg", Images.encode(8, 8, "gif"), "", 200)
                .get("url");
        mvc.perform(get(gif)).andExpect(header().string("Content-Type", "image/png"));
    }

    @Test
    void filesThatAreNoImagesOrTheWrongKindAreRefusedWithMessages() throws Exception {
        assertThat(upload(
                                "evil.png",
                                "image/png",
                                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
                                "",
                                422)
                        .get("error"))
                .isEqualTo("This file is not a readable image.");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
        assertThat(upload("x.svg", "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8), "", 422)
                        .get("error"))
                .isEqualTo("This file is not a readable image.");
        assertThat(upload("bitmap.png", "image/png", Images.encode(8, 8, "bmp"), "", 422)
                        .get("error"))
                .isEqualTo("Only PNG, JPEG and GIF images can be uploaded.");
        byte[] truncated = Arrays.copyOf(Images.png(50, 50), 40);
        assertThat(upload("cut.png", "image/png", truncated, "", 422).get("error"))
                .isEqualTo("This file is not a readable image.");
        assertThat(upload("empty.png", "image/png", new byte[0], "", 422).get("error"))
                .isEqualTo("Please choose an image file.");
        assertThat(jdbc.sql("select count(*) from blog_image where uploaded_by = ?")
                        .param(staffId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void tooLargeFilesAndDecompressionBombsAreRefusedBeforeDecoding() throws Exception {
        byte[] large = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(Images.png(4, 4), 0, large, 0, Images.png(4, 4).length);
        assertThat(upload("large.png", "image/png", large, "", 422).get("error"))
                .isEqualTo("The file is too large: at most 5 MB.");
        byte[] bomb = withHeaderSize(Images.png(10, 10), 100_000, 100_000);
        assertThat(upload("bomb.png", "image/png", bomb, "", 422).get("error"))
                .isEqualTo("The image is too large: at most 40 megapixels.");
        var german = mvc.perform(multipart(BASE + "/images")
                        .file(new MockMultipartFile("image", "bomb.png", "image/png", bomb))
                        .session(staff)
                        .with(csrf())
                        .header("Accept-Language", "de"))
                .andReturn()
                .getResponse();
        german.setCharacterEncoding("UTF-8");
        assertThat(german.getContentAsString()).contains("Megapixel");
    }

    /** The PNG with its header (IHDR) claiming another size, its checksum corrected so that only the size lies. */
    private static byte[] withHeaderSize(byte[] png, int width, int height) {
        byte[] bomb = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bomb);
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        var crc = new CRC32();
        crc.update(bomb, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return bomb;
    }

    private java.util.Map<String, String> upload(String name, String type, byte[] bytes, String alt, int expected)
            throws Exception {
        var response = mvc.perform(multipart(BASE + "/images")
                        .file(new MockMultipartFile("image", name, type, bytes))
                        .param("alt", alt)
                        .session(staff)
                        .with(csrf()))
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse();
        response.setCharacterEncoding("UTF-8");
        return json.readValue(
                response.getContentAsString(),
                new tools.jackson.core.type.TypeReference<java.util.Map<String, String>>() {});
    }
}
