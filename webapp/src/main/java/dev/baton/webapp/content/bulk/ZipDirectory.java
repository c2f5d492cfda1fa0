package dev.baton.webapp.content.bulk;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts a ZIP's central-directory records before a ZIP reader loads them all into memory: a small file can declare
 * millions of entries. Walks the records from where the end record says they start, as a reader does, keeping none.
 */
final class ZipDirectory {

    private static final int END = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ENTRY = 0x02014b50;
    private static final int ENTRY_LENGTH = 46;

    private ZipDirectory() {}

    /**
     * The number of entries, counting at most {@code max + 1}.
     *
     * @throws InvalidImportException when the file has no ZIP end record
     */
    static int countEntries(Path zip, int max) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_LENGTH + 0xFFFF);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - END_LENGTH; i >= 0; i--) {
                if (tail.getInt(i) == END) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new InvalidImportException("The file is not a ZIP archive");
            }
            long start = Integer.toUnsignedLong(tail.getInt(end + 16));
            long endPosition = size - tailLength + end;
            if (endPosition >= 20) {
                ByteBuffer locator = read(channel, endPosition - 20, 20);
                if (locator.getInt(0) == ZIP64_LOCATOR) {
                    long zip64End = locator.getLong(8);
                    if (zip64End >= 0 && zip64End + 56 <= size) {
                        ByteBuffer record = read(channel, zip64End, 56);
                        if (record.getInt(0) == ZIP64_END) {
                            start = record.getLong(48);
                        }
                    }
                }
            }
            if (start < 0 || start >= size) {
                return 0;
            }
            channel.position(start);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            byte[] header = new byte[ENTRY_LENGTH];
            ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int count = 0;
            while (count <= max && in.readNBytes(header, 0, ENTRY_LENGTH) == ENTRY_LENGTH
                    && fields.getInt(0) == ENTRY) {
                count++;
                long variable = Short.toUnsignedLong(fields.getShort(28)) + Short.toUnsignedLong(fields.getShort(30))
                        + Short.toUnsignedLong(fields.getShort(32));
                try {
                    in.skipNBytes(variable);
                } catch (EOFException e) {
                    break;
                }
            }
            return count;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // read until full or at the end of the file
        }
        return buffer.clear();
    }
}
