/* handover.h in the browser: the program's files live in emscripten's
 * in-memory file system, which the student cannot see, so S's PNG and E's
 * folder are offered as downloads (the folder as one zip of its files,
 * stored without compression: PNGs are compressed already) and then
 * removed from memory. */
#include "app/handover.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <emscripten.h>
#include <zlib.h>

#include "xalloc.h"

EM_JS(void, offer_download, (const char *name, const uint8_t *data,
                             size_t size, const char *mime), {
    const bytes = HEAPU8.slice(data, data + size);
    const blob = new Blob([bytes], { type: UTF8ToString(mime) });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    if (Module.onDownload)
        Module.onDownload(UTF8ToString(name), size);
})

typedef struct {
    uint8_t *data;
    size_t len, cap;
} Bytes;

static void put(Bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put16(Bytes *b, unsigned v)
{
    uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    put(b, x, 2);
}

static void put32(Bytes *b, unsigned long v)
{
    uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
                    (uint8_t)(v >> 24)};
    put(b, x, 4);
}

static bool read_all(const char *path, Bytes *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(out, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A zip (PKWARE APPNOTE 4.3: local headers, central directory, end
 * record) of every file in dir, in name order, method 0 (stored). */
static bool zip_folder(const char *dir, Bytes *zip, char *err,
                       size_t err_size)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_size, "cannot read %s", dir);
        return false;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        names = xrealloc(names, (count + 1) * sizeof *names);
        names[count++] = xstrdup(ent->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, by_name);

    Bytes central = {0};
    bool ok = true;
    for (size_t i = 0; i < count && ok; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        Bytes file = {0};
        if (!read_all(path, &file)) {
            snprintf(err, err_size, "cannot read %s", path);
            ok = false;
        } else {
            unsigned long crc = crc32(0L, file.data, (uInt)file.len);
            size_t name_len = strlen(names[i]);
            unsigned long offset = (unsigned long)zip->len;
            /* local file header */
            put32(zip, 0x04034b50);
            put16(zip, 20); /* version needed */
            put16(zip, 0x0800); /* UTF-8 names */
            put16(zip, 0);  /* stored */
            put16(zip, 0);  /* time */
            put16(zip, 0x21); /* date: 1980-01-01 */
            put32(zip, crc);
            put32(zip, (unsigned long)file.len);
            put32(zip, (unsigned long)file.len);
            put16(zip, (unsigned)name_len);
            put16(zip, 0);
            put(zip, names[i], name_len);
            if (file.len)
                put(zip, file.data, file.len);
            /* its central directory entry */
            put32(&central, 0x02014b50);
            put16(&central, 20);
            put16(&central, 20);
            put16(&central, 0x0800);
            put16(&central, 0);
            put16(&central, 0);
            put16(&central, 0x21);
            put32(&central, crc);
            put32(&central, (unsigned long)file.len);
            put32(&central, (unsigned long)file.len);
            put16(&central, (unsigned)name_len);
            put16(&central, 0); /* extra */
            put16(&central, 0); /* comment */
            put16(&central, 0); /* disk */
            put16(&central, 0); /* internal attributes */
            put32(&central, 0); /* external attributes */
            put32(&central, offset);
            put(&central, names[i], name_len);
        }
        free(file.data);
    }
    if (ok) {
        unsigned long cd_offset = (unsigned long)zip->len;
        if (central.len)
            put(zip, central.data, central.len);
        put32(zip, 0x06054b50);
        put16(zip, 0);
        put16(zip, 0);
        put16(zip, (unsigned)count);
        put16(zip, (unsigned)count);
        put32(zip, (unsigned long)central.len);
        put32(zip, cd_offset);
        put16(zip, 0);
    }
    /* The files are in the download now (or failed): free the memory. */
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        (void)unlink(path);
        free(names[i]);
    }
    free(names);
    free(central.data);
    (void)rmdir(dir);
    return ok;
}

bool handover_saved(const char *path, bool is_folder, char *shown,
                    size_t shown_size, char *err, size_t err_size)
{
    Bytes bytes = {0};
    char name[512];
    bool ok;
    if (is_folder) {
        snprintf(name, sizeof name, "%s.zip", base_name(path));
        ok = zip_folder(path, &bytes, err, err_size);
        if (ok)
            offer_download(name, bytes.data, bytes.len, "application/zip");
    } else {
        snprintf(name, sizeof name, "%s", base_name(path));
        ok = read_all(path, &bytes);
        if (!ok)
            snprintf(err, err_size, "cannot read %s", path);
        else
            offer_download(name, bytes.data, bytes.len, "image/png");
        (void)unlink(path);
    }
    free(bytes.data);
    if (ok)
        snprintf(shown, shown_size, "%s", name);
    return ok;
}
