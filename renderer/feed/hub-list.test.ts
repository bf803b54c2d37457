import { describe, expect, it } from 'vitest';
import { hubList } from './hub-list';

describe('hubList', () => {
  it('starts at the page hub and goes round the hub parameter in its order', () => {
    expect(hubList('http://b:2', 'http://a:1,http://b:2, http://c:3/')).toEqual(['http://b:2', 'http://c:3', 'http://a:1']);
  });
  it('puts the page hub first when the parameter does not name it, and leaves out what is not an http(s) URL', () => {
    expect(hubList('http://p:9', 'nats://x:1,garbage,https://a:1')).toEqual(['http://p:9', 'https://a:1']);
    expect(hubList('http://p:9', null)).toEqual(['http://p:9']);
  });
});
