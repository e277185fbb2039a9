/* Softmax and argmax: the article's worked example to four places, the
 * stability that subtracting the maximum buys, and argmax's tie rule. */
#include <math.h>

#include "../check.h"
#include "model/softmax.h"

int main(void)
{
    /* The article: V = [-3, 2, -1, 0] -> [0.0057, 0.8390, 0.0418, 0.1135] */
    const double v[4] = {-3, 2, -1, 0};
    const double want[4] = {0.0057, 0.8390, 0.0418, 0.1135};
    double p[4];
    softmax(v, 4, p);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
        CHECK_NEAR(p[i], want[i], 5e-5);
        sum += p[i];
    }
    CHECK_NEAR(sum, 1.0, 1e-15);
    CHECK(argmax(p, 4) == 1);

    /* e^{1000} overflows; the shifted form must not. */
    const double big[2] = {1000, 0}, small[2] = {-1000, 0};
    double q[2];
    softmax(big, 2, q);
    CHECK(isfinite(q[0]) && isfinite(q[1]));
    CHECK_NEAR(q[0] + q[1], 1.0, 1e-15);
    CHECK_NEAR(q[0], 1.0, 1e-15);
    softmax(small, 2, q);
    CHECK(isfinite(q[0]) && isfinite(q[1]));
    CHECK_NEAR(q[0] + q[1], 1.0, 1e-15);
    CHECK_NEAR(q[1], 1.0, 1e-15);

    /* in place, and a single entry */
    double inplace[3] = {1, 1, 1};
    softmax(inplace, 3, inplace);
    for (int i = 0; i < 3; i++)
        CHECK_NEAR(inplace[i], 1.0 / 3, 1e-15);
    double one = 42;
    softmax(&one, 1, &one);
    CHECK(one == 1.0);

    /* argmax: first on ties, negative values, last position */
    const double ties[4] = {0.25, 0.5, 0.5, 0.25};
    CHECK(argmax(ties, 4) == 1);
    const double neg[3] = {-3, -1, -2};
    CHECK(argmax(neg, 3) == 1);
    const double last[3] = {0, 0, 1};
    CHECK(argmax(last, 3) == 2);
    CHECK(argmax(&one, 1) == 0);

    return check_exit();
}
