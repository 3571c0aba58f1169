package fr.clavardage.profile;

import fr.clavardage.platform.error.ClavardageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * Turns an uploaded picture into a square PNG avatar. The upload is checked three ways: its declared
 * type, its size, and whether it really decodes as an image of sane dimensions (a small file can
 * declare a huge bitmap, so dimensions are read before the pixels are).
 */
final class AvatarImages {

    static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
    static final int SIZE = 256;
    /** 4000 × 4000 decodes to 64 MB at most: enough for any photo, not enough to starve the server. */
    static final int MAX_SOURCE_DIMENSION = 4000;
    static final Set<String> ACCEPTED_TYPES = Set.of("image/png", "image/jpeg", "image/gif");

    private AvatarImages() {
    }

    static byte[] toAvatarPng(InputStream upload, String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_TYPES.contains(type)) {
            throw ClavardageException.unsupportedMediaType("unsupported_image_type",
                    "An avatar is a PNG, JPEG or GIF picture.");
        }
        byte[] bytes = readAtMost(upload);
        BufferedImage source = decode(bytes);
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            Thumbnails.of(source).crop(Positions.CENTER).size(SIZE, SIZE).outputFormat("png").toOutputStream(png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode an avatar", e);
        }
    }

    private static byte[] readAtMost(InputStream upload) {
        try {
            byte[] bytes = upload.readNBytes(MAX_UPLOAD_BYTES + 1);
            if (bytes.length > MAX_UPLOAD_BYTES) {
                throw ClavardageException.tooLarge("avatar_too_large", "An avatar picture is at most 5 MB.");
            }
            if (bytes.length == 0) {
                throw ClavardageException.invalid("image", "image_empty", "The picture is empty.");
            }
            return bytes;
        } catch (IOException e) {
            throw ClavardageException.badRequest("upload_interrupted", "The upload was interrupted; try again.");
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SOURCE_DIMENSION || height > MAX_SOURCE_DIMENSION) {
                    throw ClavardageException.invalid("image", "image_too_large",
                            "A picture is at most " + MAX_SOURCE_DIMENSION + " pixels wide and high.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ClavardageException known) {
                throw known;
            }
            throw notAnImage();
        }
    }

    private static ClavardageException notAnImage() {
        return ClavardageException.unsupportedMediaType("unsupported_image_type",
                "This file is not a PNG, JPEG or GIF picture.");
    }
}
