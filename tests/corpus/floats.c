/* printf of floats, doubles and long doubles (128-bit on s390x), libm functions, conversions
 * and rounding, special values. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  volatile double ds[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 2.5, 3.5, -2.5, 1e300, -1e-300, 4.9e-324,
    DBL_MAX, DBL_MIN, 123456789.987654321, 6.02214076e23, M_PI, -M_E};
  for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
    double d = ds[i];
    float f = (float)d;
    long double l = (long double)d * 3;
    printf("%d: %.17g %e %f %a | %.9g %a | %.36Lg %La\n", i, d, d, d, d, (double)f, (double)f, l, l);
    printf("   sqrt %.17g exp %.17g log %.17g sin %.17g cos %.17g atan2 %.17g pow %.17g fmod %.17g\n",
           sqrt(fabs(d)), exp(d / 1e3), log(fabs(d) + 1), sin(d), cos(d), atan2(d, 0.75), pow(fabs(d), 0.3),
           fmod(d, 0.7));
    printf("   floor %g ceil %g round %g trunc %g rint %g lround %ld (int)%d (long)%ld (unsigned)%u f*f %.9g\n",
           floor(d), ceil(d), round(d), trunc(d), rint(d), fabs(d) < 1e18 ? lround(d) : 0L,
           fabs(d) < 2e9 ? (int)d : 0, fabs(d) < 9e18 ? (long)d : 0L, d >= 0 && d < 4e9 ? (unsigned)d : 0u, f * f);
  }
  int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    volatile double a = 1.0, b = 3.0;
    volatile float fa = 2.0f, fb = 7.0f;
    printf("mode %d: %.20g %.20g %.10g %ld\n", m, a / b, -a / b, (double)(fa / fb), lrint(2.5));
  }
  fesetround(FE_TONEAREST);
  printf("inf %f %e nan %f %g -nan %f\n", INFINITY, -INFINITY, NAN, NAN, -NAN);
  printf("isnan %d isinf %d signbit %d fpclassify %d %d\n", isnan(NAN), isinf(-INFINITY), signbit(-0.0),
         fpclassify(4.9e-324), fpclassify(1.0));
  const char *ss[] = {"3.14159", "-1e-10", "0x1.8p3", "inf", "nan", "1e400", "2.2250738585072011e-308", "  42.5xyz"};
  for (unsigned i = 0; i < sizeof ss / sizeof ss[0]; i++) {
    char *end;
    double v = strtod(ss[i], &end);
    printf("strtod %s = %.17g (%td) strtof %.9g strtold %.30Lg\n", ss[i], v, end - ss[i], (double)strtof(ss[i], NULL),
           strtold(ss[i], NULL));
  }
  double acc = 0;
  for (int i = 1; i <= 100000; i++) acc += 1.0 / ((double)i * i);
  printf("basel %.17g %.17g\n", acc, sqrt(acc * 6));
  long double la = 0;
  for (int i = 1; i <= 2000; i++) la += 1.0L / i;
  printf("harmonic %.33Lg\n", la);
  return 0;
}
