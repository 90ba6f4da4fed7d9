import { expect } from 'chai';
import { argumentsByName, parameterNames } from '../../lib/decorators/parameter-names';

describe('parameterNames', () => {
  const cases: Array<[string, (...a: never[]) => unknown, string[], number | undefined]> = [
    [
      'a plain function',
      function f(a: number, b: number) {
        return [a, b];
      },
      ['a', 'b'],
      undefined,
    ],
    [
      'defaults with commas and parens',
      function f(a = 'x,y', b = (1 + 2) * 3, c = [1, 2]) {
        return [a, b, c];
      },
      ['a', 'b', 'c'],
      undefined,
    ],
    [
      'destructuring',
      function f({ a, b }: { a: number; b: number }, [c]: number[]) {
        return [a, b, c];
      },
      ['arg0', 'arg1'],
      undefined,
    ],
    [
      'rest',
      function f(a: number, ...rest: number[]) {
        return [a, rest];
      },
      ['a', 'rest'],
      1,
    ],
    [
      'comments',
      function f(
        /* x, y */ a: number, // b,
        c: number,
      ) {
        return [a, c];
      },
      ['a', 'c'],
      undefined,
    ],
    ['an arrow', (query: string, k = 3) => [query, k], ['query', 'k'], undefined],
    ['a single-parameter arrow', ((x: number) => x) as never, ['x'], undefined],
    ['an async arrow', async (a: number) => a, ['a'], undefined],
  ];
  for (const [label, fn, names, rest] of cases) {
    it(`reads ${label}`, () => {
      expect(parameterNames(fn)).to.deep.equal({ names, restIndex: rest });
    });
  }

  it('reads minified code', () => {
    const minified = new Function('return function(e,t=5,...n){return e}')() as (...a: never[]) => unknown;
    expect(parameterNames(minified)).to.deep.equal({ names: ['e', 't', 'n'], restIndex: 2 });

    const arrow = new Function('return e=>e')() as (...a: never[]) => unknown;
    expect(parameterNames(arrow).names).to.deep.equal(['e']);
  });

  it('reads methods, computed names and generators', () => {
    const o = {
      async *[Symbol.iterator](a: number, b: string) {
        yield [a, b];
      },
      method(x: number) {
        return x;
      },
      *gen(y: number) {
        yield y;
      },
    };
    expect(parameterNames(o[Symbol.iterator] as never).names).to.deep.equal(['a', 'b']);
    expect(parameterNames(o.method as never).names).to.deep.equal(['x']);
    expect(parameterNames(o.gen as never).names).to.deep.equal(['y']);
  });

  it('yields nothing for native functions, and names extra arguments arg<i>', () => {
    expect(parameterNames(Math.max as never).names).to.deep.equal([]);
    expect(argumentsByName({ names: ['a'], restIndex: undefined }, [1, 2, 3])).to.deep.equal({
      a: 1,
      arg1: 2,
      arg2: 3,
    });
    expect(argumentsByName({ names: ['a', 'rest'], restIndex: 1 }, [1, 2, 3])).to.deep.equal({
      a: 1,
      rest: [2, 3],
    });
  });
});
