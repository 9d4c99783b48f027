import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, SignedIn } from '../auth/access.decorator';
import { Actor, CurrentActor } from '../auth/auth-user';
import { CreateThemeDto, ThemeDto, UpdateThemeDto } from './dto/theme.dto';
import { ThemesService } from './themes.service';

@ApiTags('themes')
@Controller('v1/themes')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The managed list of themes, with their Spanish and English labels' })
  @ApiOkResponse({ type: [ThemeDto] })
  list(): Promise<ThemeDto[]> {
    return this.themes.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Adds a theme (admins)' })
  @ApiCreatedResponse({ type: ThemeDto })
  @ApiConflictResponse({
    description:
      'THEME_DUPLICATE: a theme with that code or label (ignoring case and accents) exists (details.existing)',
  })
  create(@Body() body: CreateThemeDto, @CurrentActor() actor: Actor): Promise<ThemeDto> {
    return this.themes.create(body, actor);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Renames a theme (admins); its code, which actions reference, stays' })
  @ApiOkResponse({ type: ThemeDto })
  @ApiNotFoundResponse({ description: 'THEME_NOT_FOUND' })
  @ApiConflictResponse({
    description: 'VERSION_CONFLICT (details.current); THEME_DUPLICATE (details.existing)',
  })
  update(
    @Param('code') code: string,
    @Body() body: UpdateThemeDto,
    @CurrentActor() actor: Actor,
  ): Promise<ThemeDto> {
    return this.themes.update(code, body, actor);
  }
}
