// The API's request and response types, read from openapi.gen.ts (generated from /api/openapi.json by
// scripts/gen-api-types.ts). Pages alias these instead of copying interfaces, so a route change shows up here.
import type { paths } from './openapi.gen.ts';

export type ApiPath = keyof paths;
type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
/** The methods a path answers. */
export type ApiMethod<P extends ApiPath> = { [M in Method]: paths[P][M] extends undefined ? never : M }[Method];
type Operation<P extends ApiPath, M extends ApiMethod<P>> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success = 200 | 201 | 202 | 204;

/** The JSON body a successful call answers with (the union when a route has several success codes). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { responses: infer R } ? { [S in keyof R & Success]: Json<R[S]> }[keyof R & Success] : never;

/** The JSON request body. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query string parameters. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters (`{id}` in the route), or none. */
export type ApiParams<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { parameters: { path?: infer T } }
    ? [NonNullable<T>] extends [never]
      ? Record<string, never>
      : NonNullable<T>
    : Record<string, never>;
